import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import type { DataSource } from "typeorm";
import { Problem } from "../problem.ts";
import { Entities, insertRow, type AuthTokenRow, type UserRow } from "../store/index.ts";
import type { RuntimeContext } from "./context.ts";
import type { AuthService, Caller, UserView } from "./contract.ts";

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1 };

/** Hashes a password with scrypt: `scrypt$N$r$p$<salt hex>$<key hex>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString("hex")}$${key.toString("hex")}`;
}

/** Checks a password against a `hashPassword` hash in constant time. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = hash.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "hex");
  const actual = await scryptAsync(password, Buffer.from(salt, "hex"), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/** The sha256 (hex) under which a token is stored. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Logins, sessions and API tokens. */
export function authService(ctx: RuntimeContext): AuthService {
  const users = () => ctx.dataSource.getRepository<UserRow>(Entities.User);
  const tokens = () => ctx.dataSource.getRepository<AuthTokenRow>(Entities.AuthToken);
  return {
    async login(login, password) {
      const user = typeof login === "string" && login ? await users().findOneBy({ login }) : null;
      const ok = user && user.active && typeof password === "string" && (await verifyPassword(password, user.passwordHash));
      if (!user || !ok) throw new Problem(401, "Login failed", "Wrong login or password.");
      const token = await issueToken(ctx.dataSource, user.id, "session", ctx.now(), ctx.sessionTtlMs);
      return { token, user: userView(user) };
    },

    async authenticate(token) {
      if (!token) return null;
      const row = await tokens().findOneBy({ tokenHash: tokenHash(token) });
      if (!row || (row.expiresAt && new Date(row.expiresAt).getTime() <= ctx.now().getTime())) return null;
      const user = await users().findOneBy({ id: row.userId });
      return user && user.active ? callerOf(user) : null;
    },

    async logout(token) {
      if (token) await tokens().delete({ tokenHash: tokenHash(token) });
    },
  };
}

/** Issues an API token (kind `api`, no expiry) for a user, e.g. an integrator; returns the token (stored only hashed). */
export async function issueApiToken(dataSource: DataSource, login: string, now = new Date()): Promise<string> {
  const user = await dataSource.getRepository<UserRow>(Entities.User).findOneBy({ login });
  if (!user) throw new Problem(404, "User not found", `No user ${login}.`);
  return issueToken(dataSource, user.id, "api", now);
}

/** A user row as the API shows it (never the hash). */
export function userView(user: UserRow): UserView {
  return { id: user.id, login: user.login, name: user.name, roles: user.roles, store: user.store, team: user.team };
}

function callerOf(user: UserRow): Caller {
  return { userId: user.id, login: user.login, roles: user.roles, store: user.store };
}

async function issueToken(dataSource: DataSource, userId: string, kind: "session" | "api", now: Date, ttlMs?: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await insertRow<AuthTokenRow>(dataSource.manager, Entities.AuthToken, {
    tokenHash: tokenHash(token),
    userId,
    kind,
    createdAt: now,
    expiresAt: ttlMs ? new Date(now.getTime() + ttlMs) : null,
  });
  return token;
}
