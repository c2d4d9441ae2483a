import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SubProcessNode } from "../core/route.ts";
import { compileRoute } from "./compile.ts";
import { routeXml, VALID_BODY } from "./fixtures/route-xml.ts";

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"';

/** A bare definitions document (no or: extensions) with the given processes. */
function bare(processes: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="Defs" targetNamespace="http://example.com">${processes}</bpmn:definitions>`;
}

const WITH_NOTE = VALID_BODY.replace('targetRef="Task_work" />', 'targetRef="Task_note" />') +
  '<bpmn:task id="Task_note" name="Note it" /><bpmn:sequenceFlow id="Flow_note" sourceRef="Task_note" targetRef="Task_work" />';

describe("compileRoute: tasks without a type", () => {
  it("should compile an untyped task into a pass-through task node, with a warning that it does nothing", async () => {
    // when
    const result = await compileRoute(routeXml(WITH_NOTE));

    // then
    assert.equal(result.ok, true, JSON.stringify(result.issues));
    assert.deepEqual(result.route?.nodes["Task_note"], { id: "Task_note", name: "Note it", scope: "fixture", type: "task", incoming: ["Flow_start"], outgoing: ["Flow_note"] });
    const warning = result.issues.find((issue) => issue.element === "Task_note");
    assert.equal(warning?.severity, "warning");
    assert.match(warning?.message ?? "", /deals pass straight through it/);
  });

  it("should refuse a boundary event on an untyped task, since that task never waits", async () => {
    // given
    const body = WITH_NOTE + `<bpmn:boundaryEvent id="Late" attachedToRef="Task_note"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:sequenceFlow id="Flow_late" sourceRef="Late" targetRef="End_lost" />`;

    // when
    const result = await compileRoute(routeXml(body));

    // then
    assert.equal(result.ok, false);
    const issue = result.issues.find((candidate) => candidate.element === "Late" && candidate.severity === "error");
    assert.match(issue?.message ?? "", /never fires: that task does no work and never waits/);
  });
});

describe("compileRoute: implicit start (no start event)", () => {
  const implicit = bare(`
    <bpmn:process id="main" isExecutable="true">
      <bpmn:userTask id="A" /><bpmn:userTask id="B" /><bpmn:endEvent id="E" />
      <bpmn:sequenceFlow id="f1" sourceRef="A" targetRef="E" /><bpmn:sequenceFlow id="f2" sourceRef="B" targetRef="E" />
      <bpmn:subProcess id="Sub"><bpmn:userTask id="S1" /><bpmn:endEvent id="SE" /><bpmn:sequenceFlow id="s1" sourceRef="S1" targetRef="SE" /></bpmn:subProcess>
      <bpmn:sequenceFlow id="f3" sourceRef="A" targetRef="Sub" />
      <bpmn:boundaryEvent id="Late" attachedToRef="A"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:sequenceFlow id="f4" sourceRef="Late" targetRef="E" />
      <bpmn:callActivity id="Call" calledElement="called" /><bpmn:sequenceFlow id="f5" sourceRef="B" targetRef="Call" />
    </bpmn:process>
    <bpmn:process id="called"><bpmn:manualTask id="C1" /><bpmn:endEvent id="CE" /><bpmn:sequenceFlow id="c1" sourceRef="C1" targetRef="CE" /></bpmn:process>`);

  it("should start every scope without start events at its elements that no flow enters (engine profile)", async () => {
    // when
    const result = await compileRoute(implicit, { profile: "engine" });

    // then
    assert.equal(result.ok, true, JSON.stringify(result.issues));
    assert.deepEqual(result.route?.processes["main"]?.start, ["A", "B"]);
    assert.deepEqual(result.route?.processes["called"]?.start, ["C1"]);
    assert.deepEqual((result.route?.nodes["Sub"] as SubProcessNode).start, ["S1"]);
    assert.ok(result.issues.some((issue) => issue.rule === "bpmnlint/start-event-required" && issue.severity === "warning"));
  });

  it("should still refuse a published order route without a start event (route profile)", async () => {
    // when
    const result = await compileRoute(implicit);

    // then
    assert.equal(result.ok, false);
    assert.ok(result.issues.some((issue) => issue.rule === "bpmnlint/start-event-required" && issue.severity === "error"));
  });

  it("should keep listing only the start events when a scope has one", async () => {
    // when
    const result = await compileRoute(routeXml(VALID_BODY + '<bpmn:userTask id="Orphan" />'), { profile: "engine" });

    // then
    assert.deepEqual(result.route?.processes["fixture"]?.start, ["Start"]);
  });

  it("should refuse a scope where a flow enters every element, so nothing can start", async () => {
    // given
    const loop = bare(`
      <bpmn:process id="main" isExecutable="true">
        <bpmn:userTask id="A" /><bpmn:userTask id="B" />
        <bpmn:sequenceFlow id="f1" sourceRef="A" targetRef="B" /><bpmn:sequenceFlow id="f2" sourceRef="B" targetRef="A" />
      </bpmn:process>`);

    // when
    const result = await compileRoute(loop, { profile: "engine" });

    // then
    assert.equal(result.ok, false);
    const issue = result.issues.find((candidate) => candidate.rule === "structure");
    assert.deepEqual([issue?.element, issue?.severity], ["main", "error"]);
    assert.match(issue?.message ?? "", /Nothing here can start/);
  });
});
