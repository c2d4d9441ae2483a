import { readFile } from "node:fs/promises";
import type { DataSource, EntityManager } from "typeorm";
import { Problem } from "../problem.ts";
import { Entities, insertRow, type ReasonRow } from "../store/index.ts";
import type { ListQuery, Page, ReasonView } from "./contract.ts";
import { applyListQuery } from "./page.ts";

/** The reasons catalogue shipped with the engine. */
export const REASONS_FILE = new URL("../../definitions/reasons.json", import.meta.url);

/** Lists the reasons catalogue (filters: code, active; `role` and `stage` match the lists). */
export function reasonsService(dataSource: DataSource) {
  return {
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
  return { code: row.code, label: { en: row.labelEn, ru: row.labelRu }, roles: row.roles, stages: row.stages, active: Boolean(row.active) };
}

function reasonProblem(message: string): Problem {
  return new Problem(422, "Reason refused", message, [{ pointer: "/reason", message }]);
}
