import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileRoute, lintRoute } from "../compile.ts";
import { routeXml, VALID_BODY } from "../fixtures/route-xml.ts";
import type { RouteIssue } from "../types.ts";
import { designerLinting } from "./plugin.ts";

function byRule(issues: RouteIssue[], rule: string): RouteIssue[] {
  return issues.filter((issue) => issue.rule === rule);
}

describe("lint: order-routes rules", () => {
  it("should pass the valid fixture with no issue", async () => {
    // when
    const result = await compileRoute(routeXml(VALID_BODY));

    // then
    assert.deepEqual(result.issues.filter((issue) => issue.rule !== "bpmnlint/no-bpmndi" && issue.rule !== "bpmnlint/fake-join"), []);
    assert.equal(result.ok, true);
  });

  it("should report a user task outside every lane (lane-is-role)", async () => {
    // when
    const result = await compileRoute(routeXml(VALID_BODY, { lane: [] }));

    // then
    const issues = byRule(result.issues, "order-routes/lane-is-role");
    assert.deepEqual(issues.map((issue) => [issue.element, issue.name, issue.severity]), [["Task_work", "Do work", "error"]]);
    assert.equal(result.ok, false);
  });

  it("should report a failure outcome that never ends lost (failure-ends-lost)", async () => {
    // given
    const body = VALID_BODY.replace('<bpmn:endEvent id="End_lost"><bpmn:extensionElements><or:end outcome="lost" />', '<bpmn:endEvent id="End_lost"><bpmn:extensionElements><or:end outcome="won" />');

    // when
    const result = await compileRoute(routeXml(body));

    // then
    assert.deepEqual(byRule(result.issues, "order-routes/failure-ends-lost").map((issue) => issue.element), ["Flow_failed"]);
  });

  it("should follow a failure through a called process to the lost end", async () => {
    // given
    const body = VALID_BODY.replace('targetRef="End_lost"><bpmn:extensionElements><or:outcome', 'targetRef="Call"><bpmn:extensionElements><or:outcome')
      + '<bpmn:callActivity id="Call" calledElement="chain" /><bpmn:sequenceFlow id="Flow_after_call" sourceRef="Call" targetRef="End_lost" />';
    const chain = '<bpmn:process id="chain"><bpmn:startEvent id="Chain_start" /><bpmn:sequenceFlow id="Chain_f" sourceRef="Chain_start" targetRef="Chain_end" /><bpmn:endEvent id="Chain_end" /></bpmn:process>';

    // when
    const result = await compileRoute(routeXml(body, { extraProcesses: chain }));

    // then
    assert.deepEqual(byRule(result.issues, "order-routes/failure-ends-lost"), []);
    assert.equal(result.route?.processes["chain"]?.start[0], "Chain_start");
  });

  it("should warn about a task that may fail but has no failure flow (failure-outcome)", async () => {
    // given
    const body = VALID_BODY.replace(/<bpmn:sequenceFlow id="Flow_failed"[\s\S]*?<\/bpmn:sequenceFlow>/, "").replace(/<bpmn:endEvent id="End_lost">[\s\S]*?<\/bpmn:endEvent>/, "");

    // when
    const result = await compileRoute(routeXml(body));

    // then
    assert.deepEqual(byRule(result.issues, "order-routes/failure-outcome").map((issue) => [issue.element, issue.severity]), [["Task_work", "warning"]]);
    assert.equal(result.ok, true);
  });

  it("should report a dead end and an endless loop (every-path-ends)", async () => {
    // given
    const body = VALID_BODY + `
      <bpmn:sequenceFlow id="Flow_wait" sourceRef="Task_work" targetRef="Wait"><bpmn:extensionElements><or:outcome kind="custom" label="Wait" /></bpmn:extensionElements></bpmn:sequenceFlow>
      <bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="Flow_loop" sourceRef="Task_work" targetRef="Loop_a"><bpmn:extensionElements><or:outcome kind="custom" label="Loop" /></bpmn:extensionElements></bpmn:sequenceFlow>
      <bpmn:exclusiveGateway id="Loop_a" /><bpmn:sequenceFlow id="Flow_ab" sourceRef="Loop_a" targetRef="Loop_b" />
      <bpmn:exclusiveGateway id="Loop_b" /><bpmn:sequenceFlow id="Flow_ba" sourceRef="Loop_b" targetRef="Loop_a" />`;

    // when
    const result = await compileRoute(routeXml(body));

    // then
    const issues = byRule(result.issues, "order-routes/every-path-ends");
    assert.deepEqual(issues.map((issue) => issue.element).sort(), ["Loop_a", "Loop_b", "Wait"]);
    assert.match(issues.find((issue) => issue.element === "Wait")!.message, /no outgoing flow/);
    assert.match(issues.find((issue) => issue.element === "Loop_a")!.message, /loops forever/);
  });

  it("should report an end event of the main process not marked won or lost (end-outcome)", async () => {
    // given
    const body = VALID_BODY.replace('<bpmn:endEvent id="End_won"><bpmn:extensionElements><or:end outcome="won" /></bpmn:extensionElements></bpmn:endEvent>', '<bpmn:endEvent id="End_won" name="Done" />');

    // when
    const result = await compileRoute(routeXml(body));

    // then
    assert.deepEqual(byRule(result.issues, "order-routes/end-outcome").map((issue) => [issue.element, issue.name]), [["End_won", "Done"]]);
  });

  it("should report a task stage the route does not declare (stage-exists)", async () => {
    // given
    const body = VALID_BODY.replace('<or:task stage="work" />', '<or:task stage="packing" />');

    // when
    const result = await compileRoute(routeXml(body));

    // then
    const issues = byRule(result.issues, "order-routes/stage-exists");
    assert.deepEqual(issues.map((issue) => issue.element), ["Task_work"]);
    assert.match(issues[0]!.message, /"packing"/);
  });

  it("should report unsupported elements in the designer profile (no-unsupported)", async () => {
    // given
    const xml = routeXml(VALID_BODY + '<bpmn:scriptTask id="Script" name="Compute" />');

    // when
    const issues = await lintRoute(xml, "designer");

    // then
    assert.deepEqual(byRule(issues, "order-routes/no-unsupported").map((issue) => [issue.element, issue.name]), [["Script", "Compute"]]);
  });

  it("should require a start event (bpmnlint built-in)", async () => {
    // given
    const body = VALID_BODY.replace('<bpmn:startEvent id="Start" />', "").replace('<bpmn:sequenceFlow id="Flow_start" sourceRef="Start" targetRef="Task_work" />', "");

    // when
    const result = await compileRoute(routeXml(body));

    // then
    assert.deepEqual(byRule(result.issues, "bpmnlint/start-event-required").map((issue) => [issue.element, issue.severity]), [["fixture", "error"]]);
  });

  it("should skip the order-route rules in the engine profile", async () => {
    // when
    const result = await compileRoute(routeXml(VALID_BODY, { lane: [] }), { profile: "engine" });

    // then
    assert.equal(byRule(result.issues, "order-routes/lane-is-role").length, 0);
    assert.equal(result.ok, true);
  });

  it("should resolve every rule of the designer config", () => {
    // given
    const { config, resolver } = designerLinting();

    // when
    const names = Object.keys(config.rules ?? {});

    // then
    for (const name of names) {
      const [pkg, rule] = name.split("/");
      assert.equal(typeof resolver.resolveRule(pkg === "bpmnlint" ? "bpmnlint" : `bpmnlint-plugin-${pkg}`, rule!), "function", name);
    }
  });
});
