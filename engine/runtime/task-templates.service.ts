/**
 * Reusable task templates as an admin catalogue: create, update (a save is seen by the next task created
 * through this process at once), list, get, and retire (DELETE sets active=false: routes published against
 * the template keep working, new ones cannot reference it).
 */
import type { EntityManager } from "typeorm";
import schema from "../../definitions/schemas/task-template.schema.json" with { type: "json" };
import { Problem } from "../problem.ts";
import { Entities, inTransaction, insertRow, isUniqueViolation, updateRows, type TaskTemplateRow } from "../store/index.ts";
import { checkBody, fieldProblem } from "./body-schema.ts";
import type { RuntimeContext } from "./context.ts";
import type { AdminService, TaskTemplateView } from "./contract.ts";
import { applyListQuery } from "./page.ts";
import { forgetTaskTemplates } from "./stored-templates.ts";

type TemplateInput = Partial<Omit<TaskTemplateView, "checklist">> & { id: string; title: string; checklist?: { id: string; label: string; required?: boolean }[] };

const FIELDS = { id: "id", title: "title", active: "active", updatedAt: "updatedAt" };

/** The task templates catalogue for /api/task-templates. */
export function taskTemplatesService(ctx: RuntimeContext): AdminService<TaskTemplateView> {
  const saved = <T>(value: T): T => {
    forgetTaskTemplates(ctx.dataSource);
    return value;
  };
  return {
    async list(query) {
      const qb = applyListQuery(ctx.dataSource.getRepository<TaskTemplateRow>(Entities.TaskTemplate).createQueryBuilder("row"), query, FIELDS, ["id", "ASC"]);
      const [rows, total] = await qb.getManyAndCount();
      return { items: rows.map(templateView), total };
    },
    get: async (id) => templateView(await find(ctx.dataSource.manager, id)),
    async create(input) {
      const row = rowOf(checkBody<TemplateInput>(schema, input, "Invalid task template"), ctx.now());
      try {
        await insertRow<TaskTemplateRow>(ctx.dataSource.manager, Entities.TaskTemplate, row);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new Problem(409, "Task template exists", `The task template "${row.id}" exists already.`, [{ pointer: "/id", message: "Already taken." }]);
      }
      return saved(templateView(row));
    },
    update: (id, input) =>
      inTransaction(ctx.dataSource, async (manager) => {
        const { updatedAt: _at, ...current } = templateView(await find(manager, id));
        const merged = isObject(input) ? { ...current, ...input } : input;
        const body = checkBody<TemplateInput>(schema, merged, "Invalid task template");
        if (body.id !== id) throw fieldProblem("/id", "The id of a task template cannot change (routes refer to it).", "Invalid task template");
        const { id: _id, ...changes } = rowOf(body, ctx.now());
        await updateRows<TaskTemplateRow>(manager, Entities.TaskTemplate, { id }, changes);
        return saved(templateView({ id, ...changes }));
      }),
    remove: (id) =>
      inTransaction(ctx.dataSource, async (manager) => {
        const row = await find(manager, id);
        const changes = { active: false, updatedAt: ctx.now() };
        await updateRows<TaskTemplateRow>(manager, Entities.TaskTemplate, { id }, changes);
        return saved(templateView({ ...row, ...changes }));
      }),
  };
}

/** A stored template as the admin API shows it. */
export function templateView(row: TaskTemplateRow): TaskTemplateView {
  return {
    id: row.id,
    title: row.title,
    description: row.description ?? null,
    instructions: row.instructions ?? null,
    checklist: row.checklist ?? [],
    deadline: row.deadline ?? null,
    slot: row.slot ?? null,
    deferral: row.deferral ?? null,
    reminder: row.reminder ?? null,
    observers: row.observers ?? [],
    priority: row.priority ?? null,
    active: Boolean(row.active),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

function rowOf(body: TemplateInput, now: Date): TaskTemplateRow {
  return {
    id: body.id,
    title: body.title,
    description: body.description ?? null,
    instructions: body.instructions ?? null,
    checklist: (body.checklist ?? []).map((item) => ({ id: item.id, label: item.label, required: item.required === true })),
    deadline: body.deadline ?? null,
    slot: body.slot ?? null,
    deferral: body.deferral ?? null,
    reminder: body.reminder ?? null,
    observers: body.observers ?? [],
    priority: body.priority ?? null,
    active: body.active ?? true,
    updatedAt: now,
  };
}

async function find(manager: EntityManager, id: string): Promise<TaskTemplateRow> {
  const row = await manager.getRepository<TaskTemplateRow>(Entities.TaskTemplate).findOneBy({ id });
  if (!row) throw new Problem(404, "Task template not found", `No task template ${id}.`);
  return row;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
