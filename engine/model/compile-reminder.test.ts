import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { UserTaskNode } from "../core/route.ts";
import { compileRoute } from "./compile.ts";
import { routeXml, VALID_BODY } from "./fixtures/route-xml.ts";

/** The fixture route with an or:taskTemplate carrying `reminder` (or not). */
function withReminder(value?: string): string {
  const attribute = value === undefined ? "" : ` reminder="${value}"`;
  return routeXml(VALID_BODY.replace('<or:task stage="work" />', `<or:task stage="work"><or:taskTemplate title="Work" deadline="PT2H"${attribute} /></or:task>`));
}

describe("compileRoute: task reminders", () => {
  it("should carry an ISO 8601 reminder interval onto the task template, and none by default", async () => {
    // when
    const written = await compileRoute(withReminder("PT1H"));
    const absent = await compileRoute(withReminder());
    // then
    assert.equal(written.ok, true, JSON.stringify(written.issues));
    assert.equal((written.route?.nodes["Task_work"] as UserTaskNode).template.reminder, "PT1H");
    assert.equal(absent.ok, true, JSON.stringify(absent.issues));
    assert.equal("reminder" in (absent.route?.nodes["Task_work"] as UserTaskNode).template, false);
  });

  it("should refuse a reminder that is not a duration", async () => {
    // when
    const result = await compileRoute(withReminder("hourly"));
    // then
    assert.equal(result.ok, false);
    assert.match(result.issues.find((issue) => issue.element === "Task_work")?.message ?? "", /reminder `hourly` is not an ISO 8601 duration/);
  });
});
