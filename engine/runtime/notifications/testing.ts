/**
 * Test helpers for notifications: staff users inserted directly (roles, store, team), and callers for them.
 */
import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { Entities, insertRow, type UserRow } from "../../store/index.ts";
import type { Caller } from "../contract.ts";

/** A staff user to insert. */
export interface StaffUser {
  login: string;
  roles: string[];
  store?: string | null;
  team?: string | null;
  active?: boolean;
}

/** Inserts users (password hash is a placeholder: these users never log in by password) and returns their callers by login. */
export async function insertStaff(dataSource: DataSource, users: StaffUser[]): Promise<Record<string, Caller>> {
  const callers: Record<string, Caller> = {};
  for (const user of users) {
    const id = randomUUID();
    await insertRow<UserRow>(dataSource.manager, Entities.User, {
      id,
      login: user.login,
      name: user.login,
      passwordHash: "none",
      roles: user.roles,
      store: user.store ?? null,
      team: user.team ?? null,
      active: user.active ?? true,
      createdAt: new Date(),
    });
    callers[user.login] = { userId: id, login: user.login, roles: user.roles, store: user.store ?? null };
  }
  return callers;
}
