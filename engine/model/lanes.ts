import type { ModdleElement } from "bpmn-moddle";
import type { Role } from "../core/route.ts";
import { extension, is } from "./bpmn.ts";

/** The roles (lanes) of a process and which role each flow node belongs to. */
export interface LaneIndex {
  roles: Role[];
  /** Flow node id → role key of the innermost lane holding it (or holding its enclosing sub-process). */
  roleOf: Map<string, string>;
}

/** Index the lanes of a process as roles; never throws on odd lane sets. */
export function indexLanes(process: ModdleElement): LaneIndex {
  const roles: Role[] = [];
  const direct = new Map<string, string>();
  for (const laneSet of (process.laneSets ?? []) as ModdleElement[]) visitLaneSet(laneSet, roles, direct);
  const roleOf = new Map<string, string>();
  assignInherited(process, undefined, direct, roleOf);
  return { roles, roleOf };
}

/** The role key of a lane: its `or:role key`, else its name slugified, else its id. */
export function roleKey(lane: ModdleElement): string {
  const key = extension(lane, "or:Role")?.key;
  if (typeof key === "string" && key.trim()) return key.trim();
  const slug = slugify(lane.name ?? "");
  return slug || lane.id || "role";
}

/** `"Store admin"` → `store_admin`. */
export function slugify(text: string): string {
  return text.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
}

function visitLaneSet(laneSet: ModdleElement, roles: Role[], direct: Map<string, string>): void {
  for (const lane of (laneSet.lanes ?? []) as ModdleElement[]) {
    const key = roleKey(lane);
    if (!roles.some((role) => role.key === key)) {
      roles.push({ key, laneId: lane.id ?? key, name: lane.name ?? key, storeScoped: Boolean(extension(lane, "or:Role")?.storeScoped) });
    }
    for (const node of (lane.flowNodeRef ?? []) as ModdleElement[]) if (node?.id) direct.set(node.id, key);
    if (lane.childLaneSet) visitLaneSet(lane.childLaneSet, roles, direct);
  }
}

function assignInherited(container: ModdleElement, inherited: string | undefined, direct: Map<string, string>, roleOf: Map<string, string>): void {
  for (const element of (container.flowElements ?? []) as ModdleElement[]) {
    if (!is(element, "bpmn:FlowNode") || !element.id) continue;
    const key = direct.get(element.id) ?? inherited;
    if (key) roleOf.set(element.id, key);
    if (is(element, "bpmn:SubProcess")) assignInherited(element, key, direct, roleOf);
  }
}
