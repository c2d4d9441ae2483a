import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openTestDatabase, type TestDatabase } from "../../test/support/db.ts";
import { Problem } from "../problem.ts";
import { Entities, type AuthTokenRow, type UserRow } from "../store/index.ts";
import { tokenHash } from "./auth.service.ts";
import { createServices, hashPassword, issueApiToken, seedDemo, verifyPassword } from "./index.ts";
import type { Services } from "./contract.ts";

let db: TestDatabase;
let clock = new Date("2026-05-01T10:00:00.000Z");
let services: Services;

before(async () => {
  db = await openTestDatabase();
  services = createServices(db.dataSource, { now: () => clock, sessionTtlMs: 3_600_000 });
});
after(() => db.close());

test("should hash passwords with scrypt and a salt, and verify only the right one", async () => {
  // when
  const one = await hashPassword("secret");
  const two = await hashPassword("secret");
  // then
  assert.match(one, /^scrypt\$16384\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
  assert.notEqual(one, two);
  assert.equal(await verifyPassword("secret", one), true);
  assert.equal(await verifyPassword("Secret", one), false);
});

test("should seed the demo users once, with stores", async () => {
  // when
  const first = await seedDemo(db.dataSource);
  const second = await seedDemo(db.dataSource);
  // then
  assert.deepEqual(first.map((user) => user.login), ["admin", "operator", "store-a", "store-b", "courier", "manager", "analyst", "integrator"]);
  assert.deepEqual(second, []);
  const storeB = await db.dataSource.getRepository<UserRow>(Entities.User).findOneByOrFail({ login: "store-b" });
  assert.deepEqual([storeB.roles, storeB.store, storeB.active], [["store_admin"], "B", true]);
  assert.equal(await db.dataSource.getRepository(Entities.Store).count(), 2);
});

test("should log in, authenticate the session token (stored hashed) until it expires, and log out", async () => {
  // given
  clock = new Date("2026-05-01T10:00:00.000Z");
  // when
  const { token, user } = await services.auth.login("store-a", "store-a");
  // then
  assert.deepEqual([user.login, user.roles, user.store], ["store-a", ["store_admin"], "A"]);
  assert.equal("passwordHash" in user, false);
  const row = await db.dataSource.getRepository<AuthTokenRow>(Entities.AuthToken).findOneByOrFail({ tokenHash: tokenHash(token) });
  assert.equal(row.kind, "session");
  assert.notEqual(row.tokenHash, token);
  assert.deepEqual(await services.auth.authenticate(token), { userId: user.id, login: "store-a", roles: ["store_admin"], store: "A" });
  clock = new Date("2026-05-01T11:00:00.001Z");
  assert.equal(await services.auth.authenticate(token), null);
  clock = new Date("2026-05-01T10:30:00.000Z");
  await services.auth.logout(token);
  assert.equal(await services.auth.authenticate(token), null);
});

test("should refuse a wrong password or an unknown login with 401", async () => {
  // when
  const wrong = await services.auth.login("admin", "nope").catch((e: unknown) => e);
  const unknown = await services.auth.login("ghost", "admin").catch((e: unknown) => e);
  // then
  assert.ok(wrong instanceof Problem && wrong.status === 401);
  assert.ok(unknown instanceof Problem && unknown.status === 401);
  assert.equal(await services.auth.authenticate("not-a-token"), null);
});

test("should authenticate an integrator's API token without expiry", async () => {
  // given
  const token = await issueApiToken(db.dataSource, "integrator");
  clock = new Date("2030-01-01T00:00:00.000Z");
  // when
  const caller = await services.auth.authenticate(token);
  // then
  assert.deepEqual(caller?.roles, ["integrator"]);
});
