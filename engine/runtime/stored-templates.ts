/**
 * Stored task templates as the runtime uses them: a user task whose template references one
 * (`or:task template="verify-call"`) gets the stored fields, overridden by those given inline, when its task
 * is created. Templates are cached per process for a short time (no round trip per command when warm);
 * saves through this process are seen at once (`forgetTaskTemplates`), others within `TEMPLATE_MAX_AGE_MS`.
 */
import { In, type DataSource, type EntityManager } from "typeorm";
import type { Route, TaskTemplate, UserTaskNode } from "../core/route.ts";
import { Entities, type TaskTemplateRow } from "../store/index.ts";

/** How long a stored template is reused before it is read again. */
export const TEMPLATE_MAX_AGE_MS = 10_000;

/** The stored templates with these ids (unknown ids are absent), from the per-process cache. */
export async function storedTemplates(manager: EntityManager, ids: readonly string[]): Promise<Map<string, TaskTemplateRow>> {
  const entries = cacheOf(manager.connection);
  const now = Date.now();
  const stale = [...new Set(ids)].filter((id) => {
    const hit = entries.get(id);
    return !hit || now - hit.at >= TEMPLATE_MAX_AGE_MS;
  });
  if (stale.length) {
    const rows = await manager.getRepository<TaskTemplateRow>(Entities.TaskTemplate).findBy({ id: In(stale) });
    for (const id of stale) entries.set(id, { at: now, value: rows.find((row) => row.id === id) });
  }
  const found = new Map<string, TaskTemplateRow>();
  for (const id of ids) {
    const value = entries.get(id)?.value;
    if (value) found.set(id, value);
  }
  return found;
}

/** Drops the cached templates of a data source (after a template was saved). */
export function forgetTaskTemplates(dataSource: DataSource): void {
  caches.delete(dataSource);
}

/**
 * The route with the stored templates merged into those of `elements` that reference one (the same route
 * object when none does); an unknown reference leaves the inline template as it is.
 */
export async function withStoredTemplates(manager: EntityManager, route: Route, elements: Iterable<string>): Promise<Route> {
  const referencing = new Map<string, UserTaskNode>();
  for (const element of elements) {
    const node = route.nodes[element];
    if (isUserTask(node) && node.template?.ref) referencing.set(element, node);
  }
  if (referencing.size === 0) return route;
  const stored = await storedTemplates(manager, [...referencing.values()].map((node) => node.template.ref!));
  const nodes = { ...route.nodes };
  for (const [element, node] of referencing) {
    const row = stored.get(node.template.ref!);
    if (row) nodes[element] = { ...node, template: mergeTemplate(row, node.template, node.name ?? node.id) };
  }
  return { ...route, nodes };
}

/**
 * A stored template overridden by the fields given inline: a title other than the task's default (its
 * name), a non-empty checklist or observer list, and any optional field that is set.
 */
export function mergeTemplate(row: TaskTemplateRow, inline: TaskTemplate, defaultTitle: string): TaskTemplate {
  const merged: TaskTemplate = {
    ref: row.id,
    title: inline.title && inline.title !== defaultTitle ? inline.title : row.title,
    checklist: inline.checklist.length ? inline.checklist : row.checklist.map((item) => ({ id: item.id, label: item.label, required: item.required === true })),
    observers: inline.observers.length ? inline.observers : row.observers,
  };
  const optional = ["description", "instructions", "deadline", "slot", "deferral", "reminder", "priority"] as const;
  for (const field of optional) {
    const value = inline[field] ?? row[field] ?? undefined;
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[field] = value;
  }
  return merged;
}

/** Publish-time check: one sentence per user task of the route that references an unknown or retired template. */
export async function templateRefIssues(manager: EntityManager, route: Route): Promise<{ element: string; name?: string; message: string }[]> {
  const nodes = Object.values(route.nodes).filter((node): node is UserTaskNode => isUserTask(node) && Boolean(node.template?.ref));
  if (nodes.length === 0) return [];
  const ids = [...new Set(nodes.map((node) => node.template.ref!))];
  const rows = await manager.getRepository<TaskTemplateRow>(Entities.TaskTemplate).findBy({ id: In(ids) });
  const issues: { element: string; name?: string; message: string }[] = [];
  for (const node of nodes) {
    const row = rows.find((r) => r.id === node.template.ref);
    if (row?.active) continue;
    const what = row ? "is retired" : "does not exist";
    issues.push({ element: node.id, ...(node.name ? { name: node.name } : {}), message: `The task template "${node.template.ref}" referenced by this task ${what}.` });
  }
  return issues;
}

const caches = new WeakMap<DataSource, Map<string, { at: number; value: TaskTemplateRow | undefined }>>();

function cacheOf(dataSource: DataSource): Map<string, { at: number; value: TaskTemplateRow | undefined }> {
  let entries = caches.get(dataSource);
  if (!entries) caches.set(dataSource, (entries = new Map()));
  return entries;
}

function isUserTask(node: Route["nodes"][string] | undefined): node is UserTaskNode {
  return node?.type === "userTask" || node?.type === "manualTask";
}
