import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { Ajv } from "ajv";
import reasons from "../../definitions/reasons.json" with { type: "json" };
import reasonsSchema from "../../definitions/schemas/reasons.schema.json" with { type: "json" };
import { compileRoute } from "./compile.ts";

describe("definitions: the reasons catalogue", () => {
  it("should match its JSON Schema", () => {
    // given
    const validate = new Ajv({ allErrors: true, strict: false }).compile(reasonsSchema);

    // when
    const valid = validate(reasons);

    // then
    assert.equal(valid, true, JSON.stringify(validate.errors));
  });

  it("should name only roles and stages of the reference route, with reasons for each staff role", async () => {
    // given
    const route = (await compileRoute(readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8"))).route!;
    const roles = new Set(route.roles.map((role) => role.key));
    const stages = new Set(route.stages.map((stage) => stage.id));

    // when
    const unknown = reasons.flatMap((reason) => [...reason.roles.filter((role) => !roles.has(role)), ...reason.stages.filter((stage) => !stages.has(stage))]);

    // then
    assert.deepEqual(unknown, []);
    for (const role of ["operator", "store_admin", "courier"]) assert.ok(reasons.filter((reason) => reason.roles.includes(role)).length >= 3, role);
    assert.equal(new Set(reasons.map((reason) => reason.code)).size, reasons.length);
  });
});
