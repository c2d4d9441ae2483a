import { readFile } from "node:fs/promises";
import type { DataSource, EntityManager } from "typeorm";
import reasonsSchema from "../../definitions/schemas/reasons.schema.json" with { type: "json" };
import { Problem } from "../problem.ts";
import { Entities, inTransaction, insertRow, isUniqueViolation, updateRows, type ReasonRow } from "../store/index.ts";
import { checkBody, fieldProblem } from "./body-schema.ts";
import type { AdminService, ListQuery, Page, ReasonView } from "./contract.ts";
import { applyListQuery } from "./page.ts";

/** The reasons catalogue shipped with the engine. */
export const REASONS_FILE = new URL("../../definitions/reasons.json", import.meta.url);

/** One reason of the catalogue, as definitions/schemas/reasons.schema.json describes its items. */
const REASON_SCHEMA = reasonsSchema.items;

/**
 * The reasons catalogue: list (filters: code, active; `role` and `stage` match the lists), and for admins
 * create, update and retire (DELETE sets active=false: deals lost with a reason keep showing it).
 */
export function reasonsService(dataSource: DataSource): AdminService<ReasonView> {
  const find = async (manager: EntityManager, code: string): Promise<ReasonRow> => {
    const row = await manager.getRepository<ReasonRow>(Entities.Reason).findOneBy({ code });
    if (!row) throw new Problem(404, "Reason not found", `No reason ${code}.`);
    return row;
  };
  return {
    get: async (code) => reasonView(await find(dataSource.manager, code)),

    async create(input) {
      const reason = checkBody<ReasonView>(REASON_SCHEMA, withoutId(input), "Invalid reason");
      try {
        await insertRow<ReasonRow>(dataSource.manager, Entities.Reason, rowOf(reason));
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new Problem(409, "Reason exists", `The reason "${reason.code}" exists already.`, [{ pointer: "/code", message: "Already taken." }]);
      }
      return reasonView(rowOf(reason));
    },

    update: (code, input) =>
      inTransaction(dataSource, async (manager) => {
        const current = reasonView(await find(manager, code));
        const body = withoutId(input, code);
        const { id: _id, ...fields } = current;
        const merged = typeof body === "object" && body !== null && !Array.isArray(body) ? { ...fields, ...body } : body;
        const reason = checkBody<ReasonView>(REASON_SCHEMA, merged, "Invalid reason");
        if (reason.code !== code) throw fieldProblem("/code", "The code of a reason cannot change (history refers to it).", "Invalid reason");
        const { code: _code, ...changes } = rowOf(reason);
        await updateRows<ReasonRow>(manager, Entities.Reason, { code }, changes);
        return reasonView(rowOf(reason));
      }),

    remove: (code) =>
      inTransaction(dataSource, async (manager) => {
        const row = await find(manager, code);
        await updateRows<ReasonRow>(manager, Entities.Reason, { code }, { active: false });
        return reasonView({ ...row, active: false });
      }),

    async list(query: ListQuery): Promise<Page<ReasonView>> {
      const { role, stage, ...filter } = query.filter ?? {};
      const qb = applyListQuery(
        dataSource.getRepository<ReasonRow>(Entities.Reason).createQueryBuilder("reason"),
        { ...query, filter, range: [0, 9999] },
        { code: "code", active: "active", id: "code" },
        ["code", "ASC"],
      );
      const rows = (await qb.getMany()).filter(
        (row) => (!role || row.roles.includes(String(role))) && (!stage || row.stages.length === 0 || row.stages.includes(String(stage))),
      );
      const [start, end] = query.range ?? [0, 24];
      return { items: rows.slice(start, end + 1).map(reasonView), total: rows.length };
    },
  };
}

/**
 * Checks that a failure reason may be given by someone acting in `role` on a task of `stage`: it exists, is
 * active, lists the role and (when it names stages) the stage; Problem 422 at /reason otherwise.
 */
export async function checkReason(manager: EntityManager, code: string | undefined, role: string | null, stage: string | null): Promise<ReasonRow> {
  if (!code) throw reasonProblem("A failure needs a reason from the catalogue.");
  const reason = await manager.getRepository<ReasonRow>(Entities.Reason).findOneBy({ code });
  if (!reason || !reason.active) throw reasonProblem(`"${code}" is not an active reason of the catalogue.`);
  if (!role || !reason.roles.includes(role)) throw reasonProblem(`The reason "${code}" is not allowed for the role ${role ?? "(none)"}.`);
  if (reason.stages.length && (!stage || !reason.stages.includes(stage))) {
    throw reasonProblem(`The reason "${code}" is not allowed at the stage ${stage ?? "(none)"}.`);
  }
  return reason;
}

/** Loads definitions/reasons.json into an empty reasons table; returns how many reasons were inserted. */
export async function seedReasons(dataSource: DataSource, file: URL | string = REASONS_FILE): Promise<number> {
  const repository = dataSource.getRepository<ReasonRow>(Entities.Reason);
  if ((await repository.count()) > 0) return 0;
  const catalogue = JSON.parse(await readFile(file, "utf8")) as { code: string; label: { en: string; ru: string }; roles?: string[]; stages?: string[]; active?: boolean }[];
  for (const entry of catalogue) {
    await insertRow<ReasonRow>(dataSource.manager, Entities.Reason, {
      code: entry.code,
      labelEn: entry.label.en,
      labelRu: entry.label.ru,
      roles: entry.roles ?? [],
      stages: entry.stages ?? [],
      active: entry.active ?? true,
    });
  }
  return catalogue.length;
}

function reasonView(row: ReasonRow): ReasonView {
  return { id: row.code, code: row.code, label: { en: row.labelEn, ru: row.labelRu }, roles: row.roles, stages: row.stages, active: Boolean(row.active) };
}

function rowOf(reason: ReasonView): ReasonRow {
  return { code: reason.code, labelEn: reason.label.en, labelRu: reason.label.ru, roles: reason.roles, stages: reason.stages, active: reason.active ?? true };
}

/** react-admin sends `id` (= code) back with a record; the catalogue schema has no such field. */
function withoutId(input: unknown, code?: string): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const { id, ...rest } = input as Record<string, unknown>;
  if (id !== undefined && id !== (rest.code ?? code)) throw fieldProblem("/id", "The id of a reason is its code.", "Invalid reason");
  return rest;
}

function reasonProblem(message: string): Problem {
  return new Problem(422, "Reason refused", message, [{ pointer: "/reason", message }]);
}
