import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileRoute } from "./compile.ts";
import { routeXml, VALID_BODY } from "./fixtures/route-xml.ts";

describe("compileRoute: the reason of a lost end", () => {
  it("should keep the reason of an end with outcome lost", async () => {
    // when
    const result = await compileRoute(routeXml(VALID_BODY.replace('<or:end outcome="lost" />', '<or:end outcome="lost" reason="not_paid" />')));
    // then
    assert.equal(result.ok, true, JSON.stringify(result.issues));
    assert.equal((result.route?.nodes["End_lost"] as { reason?: string }).reason, "not_paid");
  });

  it("should refuse a reason on an end that is not lost, naming the element", async () => {
    // when
    const result = await compileRoute(routeXml(VALID_BODY.replace('<or:end outcome="won" />', '<or:end outcome="won" reason="not_paid" />')));
    // then
    assert.equal(result.ok, false);
    const issue = result.issues.find((candidate) => candidate.element === "End_won");
    assert.equal(issue?.severity, "error");
    assert.match(issue?.message ?? "", /only by an end with outcome "lost"/);
  });
});
