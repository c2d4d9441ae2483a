/**
 * Admin catalogues: users (created with a password, never shown with its hash; deleting deactivates),
 * stores and teams (deleted only when nothing refers to them).
 */
import { randomUUID } from "node:crypto";
import type { EntityManager, ObjectLiteral } from "typeorm";
import { Problem } from "../problem.ts";
import { Entities, inTransaction, insertRow, isUniqueViolation, updateRows, type DealRow, type StoreRow, type TeamRow, type UserRow } from "../store/index.ts";
import { hashPassword } from "./auth.service.ts";
import { checkBody, fieldProblem } from "./body-schema.ts";
import type { RuntimeContext } from "./context.ts";
import type { AdminService, StoreView, TeamView, UserView } from "./contract.ts";
import { applyListQuery } from "./page.ts";
import { CALENDAR_SCHEMA, checkCalendar, forgetCalendars } from "./store-calendars.ts";

const key = { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$" };
const text = { type: "string", minLength: 1, maxLength: 255 };
const keyOrNull = { anyOf: [key, { type: "null" }] };
const userFields = {
  id: { type: "string" },
  login: { type: "string", pattern: "^[a-z0-9][a-z0-9._-]{1,127}$" },
  name: text,
  password: { type: "string", minLength: 4, maxLength: 200 },
  roles: { type: "array", uniqueItems: true, items: { type: "string", pattern: "^[a-z][a-z0-9_]*$" } },
  store: keyOrNull,
  team: keyOrNull,
  active: { type: "boolean" },
  createdAt: { type: "string" },
  extension: { anyOf: [{ type: "string", pattern: "^[A-Za-z0-9*#+._-]{1,32}$" }, { type: "null" }] },
};
const USER_CREATE = { type: "object", additionalProperties: false, required: ["login", "name", "password", "roles"], properties: userFields };
const USER_UPDATE = { type: "object", additionalProperties: false, properties: userFields };
const storeFields = { id: key, name: text, city: { anyOf: [text, { type: "null" }] }, calendar: CALENDAR_SCHEMA };
const STORE_CREATE = { type: "object", additionalProperties: false, required: ["id", "name"], properties: storeFields };
const STORE_UPDATE = { type: "object", additionalProperties: false, properties: storeFields };
const teamFields = { id: key, name: text, manager: { anyOf: [{ type: "string", minLength: 1 }, { type: "null" }] } };
const TEAM_CREATE = { type: "object", additionalProperties: false, required: ["id", "name"], properties: teamFields };
const TEAM_UPDATE = { type: "object", additionalProperties: false, properties: teamFields };

type UserInput = Partial<Omit<UserView, "id">> & { id?: string; password?: string };

/** Users: create with a password, update roles/store/team/active/extension (and name, login, password), delete = deactivate. */
export function usersService(ctx: RuntimeContext): AdminService<UserView> {
  const find = (manager: EntityManager, id: string) => one<UserRow>(manager, Entities.User, id, "User");
  return {
    list: (query) => listOf<UserRow, UserView>(ctx, Entities.User, query, { id: "id", login: "login", name: "name", store: "store", team: "team", active: "active", createdAt: "createdAt", extension: "extension" }, ["login", "ASC"], adminUserView),
    get: async (id) => adminUserView(await find(ctx.dataSource.manager, id)),
    async create(input) {
      const body = checkBody<UserInput & { login: string; name: string; password: string; roles: string[] }>(USER_CREATE, input, "Invalid user");
      const passwordHash = await hashPassword(body.password);
      return unique("login", body.login, () =>
        inTransaction(ctx.dataSource, async (manager) => {
          await checkRefs(manager, body);
          const row: UserRow = { id: randomUUID(), login: body.login, name: body.name, passwordHash, roles: body.roles, store: body.store ?? null, team: body.team ?? null, active: body.active ?? true, createdAt: ctx.now(), extension: body.extension ?? null };
          await insertRow<UserRow>(manager, Entities.User, row);
          return adminUserView(row);
        }),
      );
    },
    async update(id, input) {
      const body = checkBody<UserInput>(USER_UPDATE, input, "Invalid user");
      if (body.id !== undefined && body.id !== id) throw fieldProblem("/id", "The id cannot change.", "Invalid user");
      const passwordHash = body.password ? await hashPassword(body.password) : undefined;
      return unique("login", body.login, () =>
        inTransaction(ctx.dataSource, async (manager) => {
          const row = await find(manager, id);
          await checkRefs(manager, body);
          const changes: Partial<UserRow> = pick(body, ["login", "name", "roles", "store", "team", "active", "extension"]);
          if (passwordHash) changes.passwordHash = passwordHash;
          if (Object.keys(changes).length) await updateRows<UserRow>(manager, Entities.User, { id }, changes);
          return adminUserView({ ...row, ...changes });
        }),
      );
    },
    remove: (id) =>
      inTransaction(ctx.dataSource, async (manager) => {
        const row = await find(manager, id);
        await updateRows<UserRow>(manager, Entities.User, { id }, { active: false });
        return adminUserView({ ...row, active: false });
      }),
  };
}

/** Stores: CRUD; a store still named by users or deals is not deleted (409). */
export function storesService(ctx: RuntimeContext): AdminService<StoreView> {
  const find = (manager: EntityManager, id: string) => one<StoreRow>(manager, Entities.Store, id, "Store");
  const view = (row: StoreRow): StoreView => ({ id: row.id, name: row.name, city: row.city, ...(row.calendar ? { calendar: row.calendar } : {}) });
  return {
    list: (query) => listOf<StoreRow, StoreView>(ctx, Entities.Store, query, { id: "id", name: "name", city: "city" }, ["id", "ASC"], view),
    get: async (id) => view(await find(ctx.dataSource.manager, id)),
    create: async (input) => {
      const body = checkBody<StoreView>(STORE_CREATE, input, "Invalid store");
      return unique("id", body.id, async () => {
        const row: StoreRow = { id: body.id, name: body.name, city: body.city ?? null, calendar: checkCalendar(body.calendar) };
        await insertRow<StoreRow>(ctx.dataSource.manager, Entities.Store, row);
        return view(row);
      });
    },
    update: (id, input) => {
      const body = checkBody<Partial<StoreView>>(STORE_UPDATE, input, "Invalid store");
      if (body.id !== undefined && body.id !== id) throw fieldProblem("/id", "The id cannot change.", "Invalid store");
      return inTransaction(ctx.dataSource, async (manager) => {
        const row = await find(manager, id);
        const changes = pick(body, ["name", "city", "calendar"]) as Partial<StoreRow>;
        if (changes.calendar !== undefined) changes.calendar = checkCalendar(changes.calendar);
        if (Object.keys(changes).length) await updateRows<StoreRow>(manager, Entities.Store, { id }, changes);
        forgetCalendars(ctx.dataSource);
        return view({ ...row, ...changes });
      });
    },
    remove: (id) =>
      inTransaction(ctx.dataSource, async (manager) => {
        const row = await find(manager, id);
        const users = await manager.getRepository<UserRow>(Entities.User).countBy({ store: id });
        const deals = await manager.getRepository<DealRow>(Entities.Deal).countBy({ store: id });
        if (users || deals) throw new Problem(409, "Store in use", `Store ${id} has ${users} user(s) and ${deals} deal(s); it stays.`);
        await manager.getRepository<StoreRow>(Entities.Store).delete({ id });
        return view(row);
      }),
  };
}

/** Teams: CRUD; the manager is a user id (or login); a team with members is not deleted (409). */
export function teamsService(ctx: RuntimeContext): AdminService<TeamView> {
  const find = (manager: EntityManager, id: string) => one<TeamRow>(manager, Entities.Team, id, "Team");
  const view = (row: TeamRow): TeamView => ({ id: row.id, name: row.name, manager: row.managerId });
  return {
    list: (query) => listOf<TeamRow, TeamView>(ctx, Entities.Team, query, { id: "id", name: "name", manager: "managerId" }, ["id", "ASC"], view),
    get: async (id) => view(await find(ctx.dataSource.manager, id)),
    create: async (input) => {
      const body = checkBody<TeamView>(TEAM_CREATE, input, "Invalid team");
      return unique("id", body.id, () =>
        inTransaction(ctx.dataSource, async (manager) => {
          const row: TeamRow = { id: body.id, name: body.name, managerId: await managerId(manager, body.manager) };
          await insertRow<TeamRow>(manager, Entities.Team, row);
          return view(row);
        }),
      );
    },
    update: (id, input) => {
      const body = checkBody<Partial<TeamView>>(TEAM_UPDATE, input, "Invalid team");
      if (body.id !== undefined && body.id !== id) throw fieldProblem("/id", "The id cannot change.", "Invalid team");
      return inTransaction(ctx.dataSource, async (manager) => {
        const row = await find(manager, id);
        const changes: Partial<TeamRow> = {};
        if (body.name !== undefined) changes.name = body.name;
        if (body.manager !== undefined) changes.managerId = await managerId(manager, body.manager);
        if (Object.keys(changes).length) await updateRows<TeamRow>(manager, Entities.Team, { id }, changes);
        return view({ ...row, ...changes });
      });
    },
    remove: (id) =>
      inTransaction(ctx.dataSource, async (manager) => {
        const row = await find(manager, id);
        const members = await manager.getRepository<UserRow>(Entities.User).countBy({ team: id });
        if (members) throw new Problem(409, "Team in use", `Team ${id} has ${members} member(s); move them first.`);
        await manager.getRepository<TeamRow>(Entities.Team).delete({ id });
        return view(row);
      }),
  };
}

/** A user as the admin API shows it: with `active` (and `extension` when set), never the password hash. */
export function adminUserView(row: UserRow): UserView {
  return { id: row.id, login: row.login, name: row.name, roles: row.roles, store: row.store, team: row.team, active: Boolean(row.active), ...(row.extension ? { extension: row.extension } : {}) };
}

async function listOf<R extends ObjectLiteral, V>(
  ctx: RuntimeContext,
  entity: string,
  query: Parameters<AdminService<V>["list"]>[0],
  fields: Record<string, string>,
  sort: [string, "ASC" | "DESC"],
  view: (row: R) => V,
) {
  const qb = applyListQuery(ctx.dataSource.getRepository<R>(entity).createQueryBuilder("row"), query, fields, sort);
  const [rows, total] = await qb.getManyAndCount();
  return { items: rows.map(view), total };
}

async function one<R extends ObjectLiteral>(manager: EntityManager, entity: string, id: string, what: string): Promise<R> {
  const row = await manager.getRepository<R>(entity).findOneBy({ id } as never);
  if (!row) throw new Problem(404, `${what} not found`, `No ${what.toLowerCase()} ${id}.`);
  return row;
}

async function checkRefs(manager: EntityManager, body: { store?: string | null; team?: string | null }): Promise<void> {
  if (body.store && !(await manager.getRepository<StoreRow>(Entities.Store).findOneBy({ id: body.store }))) throw fieldProblem("/store", `No store ${body.store}.`, "Invalid user");
  if (body.team && !(await manager.getRepository<TeamRow>(Entities.Team).findOneBy({ id: body.team }))) throw fieldProblem("/team", `No team ${body.team}.`, "Invalid user");
}

async function managerId(manager: EntityManager, ref: string | null | undefined): Promise<string | null> {
  if (!ref) return null;
  const users = manager.getRepository<UserRow>(Entities.User);
  const user = (await users.findOneBy({ id: ref })) ?? (await users.findOneBy({ login: ref }));
  if (!user) throw fieldProblem("/manager", `No user ${ref}.`, "Invalid team");
  return user.id;
}

/** Runs `work`; a unique-key violation becomes Problem 409 naming the field. */
async function unique<T>(field: string, value: unknown, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new Problem(409, "Already exists", `Something with ${field} "${String(value)}" exists already.`, [{ pointer: `/${field}`, message: "Already taken." }]);
  }
}

function pick<T extends object, K extends keyof T>(body: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (body[k] !== undefined) out[k] = body[k];
  return out;
}
