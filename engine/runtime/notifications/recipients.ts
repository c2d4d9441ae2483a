/**
 * Resolves recipients (users, a role in a store, the manager of a user's team, the managers of a pool) into active users, with
 * their connector preferences.
 */
import type { EntityManager } from "typeorm";
import { Entities, type NotificationPrefs, type NotificationPrefsRow, type UserRow } from "../../store/index.ts";
import type { Recipient } from "./types.ts";

/** A resolved recipient: an active user and their connector preferences. */
export interface ResolvedRecipient {
  userId: string;
  prefs: NotificationPrefs;
}

/** The distinct active users the recipients name, in a stable order, with their preferences. */
export async function resolveRecipients(manager: EntityManager, recipients: readonly Recipient[]): Promise<ResolvedRecipient[]> {
  const ids = new Set<string>();
  for (const recipient of recipients) {
    for (const id of await usersOf(manager, recipient)) ids.add(id);
  }
  if (ids.size === 0) return [];
  const users = manager.getRepository<UserRow>(Entities.User);
  const active = await users.createQueryBuilder("u").select("u.id", "id").where("u.id IN (:...ids)", { ids: [...ids] }).andWhere("u.active = :on", { on: 1 }).getRawMany<{ id: string }>();
  const activeIds = active.map((row) => row.id).sort();
  if (activeIds.length === 0) return [];
  const prefs = await manager.getRepository<NotificationPrefsRow>(Entities.NotificationPrefs).createQueryBuilder("p").where("p.userId IN (:...ids)", { ids: activeIds }).getMany();
  const byUser = new Map(prefs.map((row) => [row.userId, row.prefs]));
  return activeIds.map((userId) => ({ userId, prefs: byUser.get(userId) ?? {} }));
}

/** User ids a recipient names (not yet filtered to active users). */
async function usersOf(manager: EntityManager, recipient: Recipient): Promise<string[]> {
  switch (recipient.kind) {
    case "user":
      return [recipient.userId];
    case "role":
      return usersInRole(manager, recipient.role, recipient.store ?? null);
    case "managerOf":
      return managersOf(manager, recipient.userId);
    case "poolManagers":
      return poolManagers(manager, recipient.role, recipient.store ?? null);
  }
}

/** The managers of the teams the pool's members belong to. */
async function poolManagers(manager: EntityManager, role: string, store: string | null): Promise<string[]> {
  const found = new Set<string>();
  for (const member of await usersInRole(manager, role, store)) {
    for (const id of await managersOf(manager, member)) found.add(id);
  }
  return [...found];
}

/** Users holding `role` (in `store` when given); roles are a JSON list, matched coarsely in SQL (LIKE: `_` is a wildcard) and exactly here. */
async function usersInRole(manager: EntityManager, role: string, store: string | null): Promise<string[]> {
  const query = manager
    .getRepository<UserRow>(Entities.User)
    .createQueryBuilder("u")
    .where("u.roles LIKE :pattern", { pattern: `%${JSON.stringify(role)}%` })
    .andWhere("u.active = :on", { on: 1 });
  if (store) query.andWhere("u.store = :store", { store });
  const rows = await query.getMany();
  return rows.filter((user) => user.roles.includes(role)).map((user) => user.id);
}

/**
 * The manager of the user's team: the team's `manager_id` when the teams table knows one, otherwise the
 * active users with the role `manager` in the same team.
 */
async function managersOf(manager: EntityManager, userId: string): Promise<string[]> {
  const user = await manager.getRepository<UserRow>(Entities.User).findOneBy({ id: userId });
  if (!user?.team) return [];
  if (manager.connection.hasMetadata("Team")) {
    const [team] = await manager.query(...teamManagerQuery(manager, user.team));
    const managerId = (team as { manager_id?: string | null } | undefined)?.manager_id;
    if (managerId) return managerId === userId ? [] : [managerId];
  }
  const mates = await manager.getRepository<UserRow>(Entities.User).findBy({ team: user.team, active: true });
  return mates.filter((mate) => mate.id !== userId && mate.roles.includes("manager")).map((mate) => mate.id);
}

function teamManagerQuery(manager: EntityManager, teamId: string): [string, unknown[]] {
  const table = manager.connection.getMetadata("Team").tableName;
  const q = (name: string) => manager.connection.driver.escape(name);
  return [`SELECT ${q("manager_id")} FROM ${q(table)} WHERE ${q("id")} = ?`, [teamId]];
}
