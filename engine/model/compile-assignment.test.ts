import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { UserTaskNode } from "../core/route.ts";
import { compileRoute } from "./compile.ts";
import { routeXml, VALID_BODY } from "./fixtures/route-xml.ts";

/** The fixture route with `assignment` written on its user task's or:task (or left out). */
function withAssignment(value?: string): string {
  const attribute = value === undefined ? "" : ` assignment="${value}"`;
  return routeXml(VALID_BODY.replace('<or:task stage="work" />', `<or:task stage="work"${attribute} />`));
}

describe("compileRoute: task assignment", () => {
  it("should carry round-robin and least-open onto the user task node", async () => {
    // when
    const roundRobin = await compileRoute(withAssignment("round-robin"));
    const leastOpen = await compileRoute(withAssignment("least-open"));
    // then
    assert.equal(roundRobin.ok, true, JSON.stringify(roundRobin.issues));
    assert.equal((roundRobin.route?.nodes["Task_work"] as UserTaskNode).assignment, "round-robin");
    assert.equal((leastOpen.route?.nodes["Task_work"] as UserTaskNode).assignment, "least-open");
  });

  it("should leave the default pool implicit, written or not", async () => {
    // when
    const written = await compileRoute(withAssignment("pool"));
    const absent = await compileRoute(withAssignment());
    // then
    assert.equal(written.ok, true);
    assert.equal("assignment" in (written.route?.nodes["Task_work"] ?? {}), false);
    assert.equal("assignment" in (absent.route?.nodes["Task_work"] ?? {}), false);
  });

  it("should refuse an unknown assignment on the task", async () => {
    // when
    const result = await compileRoute(withAssignment("lottery"));
    // then
    assert.equal(result.ok, false);
    const issue = result.issues.find((candidate) => candidate.element === "Task_work" && candidate.rule === "assignment");
    assert.match(issue?.message ?? "", /Unknown assignment "lottery"/);
  });
});
