/**
 * A short-lived cache of resolved recipients per data source, so that the command hot path can raise
 * notifications without a database round trip in the steady state. Staff and preferences change rarely;
 * changes made through this process are seen at once (`forgetRecipients`), others within `maxAgeMs`.
 */
import type { DataSource, EntityManager } from "typeorm";
import { resolveRecipients, type ResolvedRecipient } from "./recipients.ts";
import type { Recipient } from "./types.ts";

/** How long a resolved recipient list is reused by default. */
export const RECIPIENTS_MAX_AGE_MS = 10_000;

/** Like `resolveRecipients`, reusing a result resolved less than `maxAgeMs` ago (by the wall clock). */
export async function cachedRecipients(manager: EntityManager, recipients: readonly Recipient[], maxAgeMs = RECIPIENTS_MAX_AGE_MS): Promise<ResolvedRecipient[]> {
  const entries = cacheOf(manager.connection);
  const key = JSON.stringify(recipients);
  const hit = entries.get(key);
  const now = Date.now();
  if (hit && now - hit.at < maxAgeMs) return hit.value;
  const value = await resolveRecipients(manager, recipients);
  entries.set(key, { at: now, value });
  if (entries.size > 1_000) entries.delete(entries.keys().next().value!);
  return value;
}

/** Drops every cached recipient list of a data source (call after changing users, teams or preferences). */
export function forgetRecipients(dataSource: DataSource): void {
  caches.delete(dataSource);
}

const caches = new WeakMap<DataSource, Map<string, { at: number; value: ResolvedRecipient[] }>>();

function cacheOf(dataSource: DataSource): Map<string, { at: number; value: ResolvedRecipient[] }> {
  let entries = caches.get(dataSource);
  if (!entries) caches.set(dataSource, (entries = new Map()));
  return entries;
}
