import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { CallActivityNode, ConnectorTaskNode, EndEventNode, GatewayNode, IntermediateEventNode, UserTaskNode } from "../core/route.ts";
import { compileRoute } from "./compile.ts";
import { routeXml, VALID_BODY } from "./fixtures/route-xml.ts";
import type { CompileResult } from "./types.ts";

const REFERENCE = readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8");

function errorsOf(result: CompileResult) {
  return result.issues.filter((issue) => issue.severity === "error");
}

function replaceTask(task: string): string {
  return VALID_BODY.replace(/<bpmn:userTask id="Task_work"[\s\S]*?<\/bpmn:userTask>/, task);
}

describe("compileRoute: the reference route", () => {
  it("should compile with no error and no warning", async () => {
    // when
    const result = await compileRoute(REFERENCE);

    // then
    assert.deepEqual(result.issues, []);
    assert.equal(result.ok, true);
    assert.equal(result.route?.key, "order-fulfilment");
    assert.equal(result.route?.main, "order-fulfilment");
  });

  it("should carry stages, roles and both processes", async () => {
    // when
    const route = (await compileRoute(REFERENCE)).route!;

    // then
    assert.deepEqual(route.stages.map((stage) => `${stage.id}:${stage.kind}`), ["new:open", "assembly:open", "handover:open", "report:open", "won:won", "lost:lost"]);
    assert.deepEqual(route.roles.map((role) => `${role.key}:${role.storeScoped}`), ["operator:false", "courier:true", "store_admin:true"]);
    assert.deepEqual(Object.keys(route.processes).sort(), ["disband-chain", "order-fulfilment"]);
    assert.deepEqual(route.processes["disband-chain"]!.start, ["StartEvent_disband"]);
    assert.equal(route.nodes["Task_disband"]!.scope, "disband-chain");
  });

  it("should compile the verify task with its role, stage, template and outcomes", async () => {
    // when
    const route = (await compileRoute(REFERENCE)).route!;
    const verify = route.nodes["Task_verify"] as UserTaskNode;

    // then
    assert.equal(verify.role, "operator");
    assert.equal(verify.stage, "new");
    assert.equal(verify.failureAllowed, true);
    assert.equal(verify.template.deadline, "PT30M");
    assert.equal(verify.template.checklist.find((item) => item.id === "reached")?.required, true);
    assert.ok(verify.template.instructions?.includes("time slot"));
    const outcomes = verify.outgoing.map((id) => route.flows[id]!.outcome);
    assert.deepEqual(outcomes.map((outcome) => outcome?.kind).sort(), ["custom", "failure", "success"]);
    const custom = verify.outgoing.map((id) => route.flows[id]!).find((flow) => flow.outcome?.kind === "custom")!;
    const timer = route.nodes[custom.target] as IntermediateEventNode;
    assert.deepEqual(timer.trigger, { kind: "timer", timer: { kind: "duration", expression: "PT1H" } });
  });

  it("should compile the pick task as multi-instance over the items", async () => {
    // when
    const pick = (await compileRoute(REFERENCE)).route!.nodes["Task_pick_item"] as UserTaskNode;

    // then
    assert.deepEqual(pick.multiInstance, { collection: "items", elementVariable: "item", sequential: false });
    assert.equal(pick.role, "store_admin");
    assert.match(pick.template.title, /\{\{item\.name\}\}/);
  });

  it("should compile the connector, the delivery gateway and the courier's time slot", async () => {
    // when
    const route = (await compileRoute(REFERENCE)).route!;
    const notify = route.nodes["Task_notify_confirmed"] as ConnectorTaskNode;
    const gateway = route.nodes["Gateway_delivery"] as GatewayNode;
    const deliver = route.nodes["Task_deliver"] as UserTaskNode;

    // then
    assert.deepEqual([notify.type, notify.connector, notify.action, notify.template], ["sendTask", "sms", "send", "order-confirmed"]);
    assert.deepEqual(notify.input, { to: "customer.phone", orderId: "externalId" });
    assert.equal(gateway.default, "Flow_pickup");
    assert.equal(route.flows["Flow_delivery"]!.condition, 'fulfilment.type = "delivery"');
    assert.equal(deliver.role, "courier");
    assert.equal(deliver.template.deadline, "=fulfilment.slot.end");
    assert.deepEqual(deliver.template.slot, { from: "fulfilment.slot.start", fromOffset: "-PT1H", to: "fulfilment.slot.end" });
  });

  it("should lead every failure to the cancellation chain and a terminate end marked lost", async () => {
    // when
    const route = (await compileRoute(REFERENCE)).route!;
    const failures = Object.values(route.flows).filter((flow) => flow.outcome?.kind === "failure");
    const call = route.nodes["Call_cancellation"] as CallActivityNode;
    const lost = route.nodes["EndEvent_lost"] as EndEventNode;

    // then
    assert.equal(failures.length, 5);
    assert.ok(failures.every((flow) => flow.target === "Gateway_cancel"));
    assert.equal(call.calledElement, "disband-chain");
    assert.deepEqual([lost.result.kind, lost.outcome, lost.stage], ["terminate", "lost", "lost"]);
    assert.equal((route.nodes["Task_disband"] as UserTaskNode).failureAllowed, false);
    assert.equal((route.nodes["EndEvent_won"] as EndEventNode).outcome, "won");
  });
});

describe("compileRoute: refusals", () => {
  it("should refuse malformed XML with one xml issue", async () => {
    // when
    const result = await compileRoute("<bpmn:definitions><bpmn:process></bpmn:definitions>");

    // then
    assert.equal(result.ok, false);
    assert.equal(result.issues.length, 1);
    assert.equal(result.issues[0]!.rule, "xml");
    assert.match(result.issues[0]!.message, /malformed at line 1/);
  });

  it("should refuse a document that is not BPMN", async () => {
    // when
    const result = await compileRoute("<html><body/></html>");

    // then
    assert.deepEqual(result.issues.map((issue) => issue.rule), ["xml"]);
  });

  it("should refuse a JUEL condition at the flow", async () => {
    // given
    const body = VALID_BODY.replace(
      '<bpmn:sequenceFlow id="Flow_done" sourceRef="Task_work" targetRef="End_won" />',
      '<bpmn:sequenceFlow id="Flow_done" sourceRef="Task_work" targetRef="End_won"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${approved}</bpmn:conditionExpression></bpmn:sequenceFlow>',
    );

    // when
    const result = await compileRoute(routeXml(body));

    // then
    const issue = errorsOf(result).find((candidate) => candidate.rule === "unsupported");
    assert.equal(issue?.element, "Flow_done");
    assert.match(issue!.message, /must be FEEL/);
  });

  it("should refuse a FEEL condition that does not parse at the flow", async () => {
    // given
    const body = VALID_BODY.replace(
      '<bpmn:sequenceFlow id="Flow_done" sourceRef="Task_work" targetRef="End_won" />',
      '<bpmn:sequenceFlow id="Flow_done" sourceRef="Task_work" targetRef="End_won"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=total &gt; </bpmn:conditionExpression></bpmn:sequenceFlow>',
    );

    // when
    const result = await compileRoute(routeXml(body));

    // then
    assert.deepEqual(errorsOf(result).map((issue) => [issue.rule, issue.element]), [["feel", "Flow_done"]]);
  });

  const cases: [string, string, RegExp][] = [
    ["a script task", '<bpmn:scriptTask id="Task_work" name="Do work" />', /Script tasks/],
    ["a service task without connector", '<bpmn:serviceTask id="Task_work" name="Do work" />', /or:connector/],
    ["a standard loop", '<bpmn:userTask id="Task_work" name="Do work"><bpmn:standardLoopCharacteristics /></bpmn:userTask>', /Loops/],
    ["a multi-instance service task", '<bpmn:serviceTask id="Task_work"><bpmn:extensionElements><or:connector connector="sms" action="send" /></bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics /></bpmn:serviceTask>', /Multi-instance is supported on user and manual tasks only/],
    ["a signal catch event", '<bpmn:intermediateCatchEvent id="Task_work"><bpmn:signalEventDefinition /></bpmn:intermediateCatchEvent>', /signal/],
    ["a transaction", '<bpmn:transaction id="Task_work" />', /Transactions/],
    ["an ad-hoc sub-process", '<bpmn:adHocSubProcess id="Task_work" />', /Ad-hoc/],
    ["an event sub-process", '<bpmn:subProcess id="Task_work" triggeredByEvent="true" />', /Event sub-processes/],
    ["a timer start inside a sub-process", '<bpmn:subProcess id="Task_work"><bpmn:startEvent id="Inner"><bpmn:timerEventDefinition /></bpmn:startEvent></bpmn:subProcess>', /inside a sub-process/],
    ["a call to an unknown process", '<bpmn:callActivity id="Task_work" calledElement="elsewhere" />', /not a process of this file/],
  ];
  for (const [what, task, message] of cases) {
    it(`should refuse ${what} with its element id`, async () => {
      // when
      const result = await compileRoute(routeXml(replaceTask(task)));

      // then
      assert.equal(result.ok, false);
      const issue = errorsOf(result).find((candidate) => message.test(candidate.message));
      assert.ok(issue, JSON.stringify(result.issues));
      assert.ok(issue.element === "Task_work" || issue.element === "Inner");
    });
  }

  it("should accept a complex gateway nowhere and name the element", async () => {
    // given
    const xml = routeXml(VALID_BODY + '<bpmn:complexGateway id="Gateway_complex" name="Odd" />');

    // when
    const result = await compileRoute(xml);

    // then
    const issue = result.issues.find((candidate) => candidate.rule === "unsupported");
    assert.deepEqual([issue?.element, issue?.name], ["Gateway_complex", "Odd"]);
  });
});

describe("compileRoute: mapping details", () => {
  it("should slugify a lane name into the role key when the lane has no or:role", async () => {
    // when
    const route = (await compileRoute(routeXml(VALID_BODY))).route!;

    // then
    assert.deepEqual(route.roles, [{ key: "store_admin", laneId: "Lane_admin", name: "Store admin", storeScoped: false }]);
    assert.equal((route.nodes["Task_work"] as UserTaskNode).role, "store_admin");
  });

  it("should read camunda multi-instance attributes when there is no or:multiInstance", async () => {
    // given
    const task = '<bpmn:userTask id="Task_work" name="Do work" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"><bpmn:extensionElements><or:task stage="work" /></bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="lines" camunda:elementVariable="line" /></bpmn:userTask>';

    // when
    const route = (await compileRoute(routeXml(replaceTask(task)))).route!;

    // then
    assert.deepEqual((route.nodes["Task_work"] as UserTaskNode).multiInstance, { collection: "lines", elementVariable: "line", sequential: true });
  });

  it("should compile message and error boundary events", async () => {
    // given
    const body = VALID_BODY + `
      <bpmn:boundaryEvent id="Boundary_paid" attachedToRef="Task_work" cancelActivity="false"><bpmn:messageEventDefinition messageRef="Message_paid" /></bpmn:boundaryEvent>
      <bpmn:sequenceFlow id="Flow_paid" sourceRef="Boundary_paid" targetRef="End_paid" />
      <bpmn:endEvent id="End_paid" />`;
    const xml = routeXml(body).replace("</bpmn:definitions>", '<bpmn:message id="Message_paid" name="payment.received" /></bpmn:definitions>');

    // when
    const route = (await compileRoute(xml, { profile: "engine" })).route!;

    // then
    assert.deepEqual(route.nodes["Boundary_paid"], {
      id: "Boundary_paid", scope: "fixture", incoming: [], outgoing: ["Flow_paid"], type: "boundaryEvent",
      attachedTo: "Task_work", interrupting: false, trigger: { kind: "message", message: "payment.received" },
    });
  });
});
