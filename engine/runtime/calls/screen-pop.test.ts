/**
 * Screen pops on a real database: an incoming call reaches the stream of the operator whose extension the
 * PBX rings (or every active operator when it names none) with the customer and their open deals, and no
 * one else; outgoing calls pop nothing.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { CallEvent } from "../../../connectors/sdk/index.ts";
import { openTestDatabase, type TestDatabase } from "../../../test/support/db.ts";
import { Entities, insertRow, updateRows, type UserRow } from "../../store/index.ts";
import { createContext, type RuntimeContext } from "../context.ts";
import type { Services } from "../contract.ts";
import { createServices } from "../index.ts";
import { hubOf } from "../notifications/hub.ts";
import type { LiveEvent } from "../notifications/types.ts";
import { callerOf, order, prepare } from "../testing/fixture.ts";
import { recordCallEvent } from "./record-call-event.ts";
import type { CallEventDeps } from "./types.ts";

describe("screen pop", () => {
  let now = new Date("2026-05-01T10:00:00.000Z");
  let db: TestDatabase;
  let services: Services;
  let ctx: RuntimeContext;
  let deps: CallEventDeps;
  const ids: Record<string, string> = {};
  const popped: Record<string, LiveEvent[]> = {};
  const incoming = (fields: Partial<CallEvent> = {}): CallEvent => ({ callId: "in_9", event: "started", direction: "incoming", customerPhone: "79001234567", ...fields });
  const clear = () => Object.values(popped).forEach((events) => events.splice(0));
  const who = () => Object.keys(popped).filter((login) => popped[login]!.length > 0).sort();

  before(async () => {
    db = await openTestDatabase();
    await prepare(db.dataSource, undefined, now);
    services = createServices(db.dataSource, { now: () => now });
    ctx = createContext(db.dataSource, { now: () => now });
    deps = { hub: hubOf(db.dataSource), deliver: async () => assert.fail("nothing waits for a call") };
    const manager = db.dataSource.manager;
    await updateRows<UserRow>(manager, Entities.User, { login: "operator" }, { extension: "101" });
    for (const [login, active, extension] of [["operator2", true, "102"], ["operator3", false, "103"]] as const) {
      await insertRow<UserRow>(manager, Entities.User, { id: randomUUID(), login, name: login, passwordHash: "-", roles: ["operator"], store: null, team: null, active, createdAt: now, extension });
    }
    for (const login of ["operator", "operator2", "operator3", "admin", "store-a", "manager"]) {
      const user = await db.dataSource.getRepository<UserRow>(Entities.User).findOneByOrFail({ login });
      ids[login] = user.id;
      popped[login] = [];
      hubOf(db.dataSource).subscribeLive(user.id, (event) => popped[login]!.push(event));
    }
    const operator = await callerOf(db.dataSource, "operator");
    ids.deal1 = (await services.deals.start(order("POP-1"), operator)).deal.id;
    now = new Date("2026-05-01T10:05:00.000Z");
    ids.deal2 = (await services.deals.start(order("POP-2", { store: "B", customer: { name: "Anna P.", phone: "8 900 123-45-67", ageVerified: true } }), operator)).deal.id;
  });
  after(() => db.close());

  it("should pop the customer and their open deals up for the operator whose extension rings, and for no one else", async () => {
    // given
    clear();
    // when
    await recordCallEvent(ctx, incoming({ operator: "101", at: "2026-05-01 13:00:00" }), deps);
    // then
    assert.deepEqual(who(), ["operator"]);
    const [pop] = popped.operator!;
    assert.equal(pop!.event, "screen-pop");
    assert.deepEqual(pop!.data, {
      callId: "in_9",
      phone: "+79001234567",
      customerName: "Anna P.",
      operator: "101",
      deals: [
        { id: ids.deal2!, externalId: "POP-2", stage: "new", store: "B" },
        { id: ids.deal1!, externalId: "POP-1", stage: "new", store: "A" },
      ],
      at: now.toISOString(),
    });
  });

  it("should pop an incoming call that names no extension up for every active operator", async () => {
    // given
    clear();
    // when
    await recordCallEvent(ctx, incoming(), deps);
    // then
    assert.deepEqual(who(), ["operator", "operator2"]);
    assert.equal((popped.operator2![0]!.data.deals as unknown[]).length, 2);
  });

  it("should pop an unknown caller up with no customer, and nothing for outgoing calls or later events", async () => {
    // given
    clear();
    // when
    await recordCallEvent(ctx, incoming({ callId: "in_10", customerPhone: "+79990001122", operator: "102" }), deps);
    await recordCallEvent(ctx, incoming({ direction: "outgoing", operator: "101" }), deps);
    await recordCallEvent(ctx, incoming({ event: "answered", operator: "101" }), deps);
    // then
    assert.deepEqual(who(), ["operator2"]);
    assert.deepEqual(popped.operator2![0]!.data, { callId: "in_10", phone: "+79990001122", customerName: null, operator: "102", deals: [], at: now.toISOString() });
  });
});
