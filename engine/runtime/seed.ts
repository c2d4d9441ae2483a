import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { Entities, inTransaction, insertRow, type StoreRow, type TeamRow, type UserRow } from "../store/index.ts";
import { hashPassword } from "./auth.service.ts";

/** A demo login to print at start-up. */
export interface DemoLogin {
  login: string;
  password: string;
  roles: string[];
  store: string | null;
}

const STORES: StoreRow[] = [
  { id: "A", name: "Hypermarket A", city: "Moscow" },
  { id: "B", name: "Hypermarket B", city: "Moscow" },
];

const USERS: (DemoLogin & { name: string; team?: string })[] = [
  { login: "admin", password: "admin", name: "Admin", roles: ["admin"], store: null },
  { login: "operator", password: "operator", name: "Operator", roles: ["operator"], store: null, team: "ops" },
  { login: "store-a", password: "store-a", name: "Store admin A", roles: ["store_admin"], store: "A", team: "ops" },
  { login: "store-b", password: "store-b", name: "Store admin B", roles: ["store_admin"], store: "B", team: "ops" },
  { login: "courier", password: "courier", name: "Courier", roles: ["courier"], store: "A", team: "ops" },
  { login: "manager", password: "manager", name: "Manager", roles: ["manager"], store: null, team: "ops" },
  { login: "analyst", password: "analyst", name: "Analyst", roles: ["analyst"], store: null },
  { login: "integrator", password: "integrator", name: "Integrator", roles: ["integrator"], store: null },
];

/** The demo team: every demo staff user, managed by `manager`. */
const TEAM = { id: "ops", name: "Operations", manager: "manager" };

/**
 * Seeds stores A and B, the demo users and their team (managed by `manager`), only when the users table is empty; returns the logins created
 * (empty when the database already had users).
 */
export async function seedDemo(dataSource: DataSource, now = new Date()): Promise<DemoLogin[]> {
  if ((await dataSource.getRepository<UserRow>(Entities.User).count()) > 0) return [];
  const hashes = await Promise.all(USERS.map((user) => hashPassword(user.password)));
  const ids = USERS.map(() => randomUUID());
  await inTransaction(dataSource, async (manager) => {
    for (const store of STORES) {
      if (!(await manager.getRepository<StoreRow>(Entities.Store).findOneBy({ id: store.id }))) await insertRow<StoreRow>(manager, Entities.Store, store);
    }
    for (const [i, user] of USERS.entries()) {
      await insertRow<UserRow>(manager, Entities.User, {
        id: ids[i],
        login: user.login,
        name: user.name,
        passwordHash: hashes[i],
        roles: user.roles,
        store: user.store,
        team: user.team ?? null,
        active: true,
        createdAt: now,
      });
    }
    const managerId = ids[USERS.findIndex((user) => user.login === TEAM.manager)] ?? null;
    await insertRow<TeamRow>(manager, Entities.Team, { id: TEAM.id, name: TEAM.name, managerId });
  });
  return USERS.map(({ login, password, roles, store }) => ({ login, password, roles, store }));
}
