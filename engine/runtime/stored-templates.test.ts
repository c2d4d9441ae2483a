import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TaskTemplate } from "../core/route.ts";
import { Entities, insertRow, updateRows, type TaskTemplateRow } from "../store/index.ts";
import { openTestDatabase, type TestDatabase } from "../../test/support/db.ts";
import { forgetTaskTemplates, mergeTemplate, storedTemplates } from "./stored-templates.ts";

const ROW: TaskTemplateRow = {
  id: "verify-call",
  title: "Call {{customer.name}}",
  description: "Stored description",
  instructions: null,
  checklist: [{ id: "called", label: "Called", required: true }],
  deadline: "PT2H",
  slot: null,
  deferral: null,
  reminder: "PT15M",
  observers: ["manager"],
  priority: 1,
  active: true,
  updatedAt: new Date("2026-01-01T00:00:00Z"),
};

describe("stored task templates", () => {
  it("should take the stored fields when the task gives only the reference", () => {
    // given a compiled reference without an inline template (title defaults to the task name)
    const inline: TaskTemplate = { ref: "verify-call", title: "Verify order", checklist: [], observers: [] };
    // when
    const merged = mergeTemplate(ROW, inline, "Verify order");
    // then
    assert.deepEqual(merged, { ref: "verify-call", title: "Call {{customer.name}}", checklist: ROW.checklist, observers: ["manager"], description: "Stored description", deadline: "PT2H", reminder: "PT15M", priority: 1 });
  });

  it("should let inline fields override the stored ones", () => {
    // given
    const inline: TaskTemplate = { ref: "verify-call", title: "Verify {{externalId}}", checklist: [{ id: "x", label: "X", required: false }], observers: [], deadline: "PT30M" };
    // when
    const merged = mergeTemplate(ROW, inline, "Verify order");
    // then
    assert.deepEqual([merged.title, merged.checklist, merged.deadline, merged.observers, merged.reminder], ["Verify {{externalId}}", inline.checklist, "PT30M", ["manager"], "PT15M"]);
  });

  describe("cache", () => {
    let db: TestDatabase;
    before(async () => {
      db = await openTestDatabase();
      await insertRow<TaskTemplateRow>(db.dataSource.manager, Entities.TaskTemplate, ROW);
    });
    after(() => db.close());

    it("should reuse a warm template without reading it again until forgotten", async () => {
      // given a warm cache, then a change the cache does not hear of
      await storedTemplates(db.dataSource.manager, ["verify-call", "unknown"]);
      await updateRows<TaskTemplateRow>(db.dataSource.manager, Entities.TaskTemplate, { id: "verify-call" }, { title: "Changed" });
      // when
      const warm = await storedTemplates(db.dataSource.manager, ["verify-call", "unknown"]);
      forgetTaskTemplates(db.dataSource);
      const fresh = await storedTemplates(db.dataSource.manager, ["verify-call"]);
      // then
      assert.equal(warm.get("verify-call")?.title, "Call {{customer.name}}");
      assert.equal(warm.has("unknown"), false);
      assert.equal(fresh.get("verify-call")?.title, "Changed");
    });
  });
});
