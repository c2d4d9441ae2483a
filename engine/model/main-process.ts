import type { ModdleElement } from "bpmn-moddle";
import { extension, is, processesOf } from "./bpmn.ts";

/**
 * Pick the route's main process: the executable one; among several, the one carrying `or:stages`, else the
 * first; when none is executable and there is only one process, that one.
 */
export function pickMainProcess(definitions: ModdleElement): ModdleElement | undefined {
  const processes = processesOf(definitions);
  const executable = processes.filter((process) => process.isExecutable === true);
  if (executable.length === 1) return executable[0];
  if (executable.length > 1) return executable.find((process) => extension(process, "or:Stages")) ?? executable[0];
  return processes.length === 1 ? processes[0] : undefined;
}

/** The processes that the main process reaches through call activities (transitively), main first. */
export function reachableProcesses(definitions: ModdleElement, main: ModdleElement): ModdleElement[] {
  const byId = new Map(processesOf(definitions).map((process) => [process.id as string, process]));
  const reached: ModdleElement[] = [main];
  for (let i = 0; i < reached.length; i++) {
    for (const called of calledProcessIds(reached[i]!)) {
      const process = byId.get(called);
      if (process && !reached.includes(process)) reached.push(process);
    }
  }
  return reached;
}

/** The process id a call activity calls (`calledElement`, or `zeebe:calledElement processId`). */
export function calledElementOf(callActivity: ModdleElement): string | undefined {
  if (typeof callActivity.calledElement === "string" && callActivity.calledElement.trim()) return callActivity.calledElement.trim();
  const zeebe = extension(callActivity, "zeebe:calledElement");
  const processId = zeebe?.processId ?? zeebe?.$attrs?.processId;
  return typeof processId === "string" && processId.trim() ? processId.trim() : undefined;
}

function calledProcessIds(container: ModdleElement): string[] {
  const ids: string[] = [];
  for (const element of (container.flowElements ?? []) as ModdleElement[]) {
    if (is(element, "bpmn:CallActivity")) {
      const id = calledElementOf(element);
      if (id) ids.push(id);
    }
    if (is(element, "bpmn:SubProcess")) ids.push(...calledProcessIds(element));
  }
  return ids;
}
