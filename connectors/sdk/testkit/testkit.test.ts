import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { genericConnector, type GenericConfig } from "../../storefront/generic/generic.connector.ts";
import { sandboxConnector } from "../../sandbox/sandbox.connector.ts";
import type { InboundRequest } from "../types.ts";
import { alteredRequest, describeConnector, inboundRequest, type ConnectorKitSpec } from "./index.ts";
import { pingConnector, pingSpec } from "./testing/ping.connector.ts";

// the shipped generic storefront connector: webhook signed over the body, stage.push to a signed URL
const order = {
  externalId: "A-1001",
  createdAt: "2026-03-02T18:30:00+03:00",
  customer: { name: "Anna Petrova", phone: "+79123456789" },
  fulfilment: { type: "pickup" },
  items: [{ sku: "kvass-1l", name: "Kvass 1 l", quantity: 2, price: 89.9 }],
};
const signedOrder = (event: string, body: unknown, secret = "generic-secret"): InboundRequest => {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  return inboundRequest({ body: raw, headers: { "x-order-routes-event": event, "x-order-routes-signature": `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}` } });
};
const good = signedOrder("order.created", order);
const push = { dealId: "d-1", externalId: "A-1001", stage: "assembly", kind: "open", from: "new", at: "2026-03-02T09:00:00.000Z" };

/** The kit spec of the generic storefront connector. */
const genericSpec: ConnectorKitSpec<GenericConfig> = {
  config: (stubUrl) => ({ secret: "generic-secret", defaultStore: "store-1", city: "Moscow", pushUrl: `${stubUrl}/order-routes/stage`, pushSecret: "push-secret" }),
  secrets: ["/secret", "/pushSecret"],
  actions: {
    "stage.push": {
      input: push,
      respond: { status: 204 },
      context: { idempotencyKey: "d-1:3:stage:assembly" },
      expect(result, [request]) {
        assert.equal(result.status, "sent");
        assert.equal(request.path, "/order-routes/stage");
        assert.equal(request.headers["idempotency-key"], "d-1:3:stage:assembly");
        assert.equal(request.headers["x-order-routes-signature"], `sha256=${createHmac("sha256", "push-secret").update(request.body).digest("hex")}`);
        assert.deepEqual(JSON.parse(request.body), push);
      },
    },
  },
  inbound: {
    orders: {
      good,
      expect({ commands: [command] }) {
        assert.equal(command.type, "deal.start");
        assert.equal(command.type === "deal.start" && command.order.externalId, "A-1001");
        assert.equal(command.type === "deal.start" && command.order.store, "store-1");
      },
      bad: [
        alteredRequest(good, { body: good.rawBody.toString().replace("A-1001", "A-1002") }),
        alteredRequest(good, { headers: { "x-order-routes-signature": undefined } }),
        signedOrder("order.created", order, "not-the-secret"),
      ],
      malformed: [
        { request: signedOrder("order.created", { ...order, items: [] }), status: 422, pointer: "/items" },
        { request: signedOrder("order.updated", { comment: "which order?" }), status: 422, pointer: "/externalId" },
        { request: signedOrder("order.created", "{not json"), status: 400 },
      ],
    },
  },
  retries: {
    "stage.push": [
      { respond: { status: 503 }, retryable: true },
      { respond: { status: 429 }, retryable: true },
      { respond: "unreachable", retryable: true },
      { respond: { status: 400, body: { error: "bad stage" } }, retryable: false, status: "failed" },
      { respond: { status: 410 }, retryable: false },
    ],
  },
};

describeConnector(genericConnector, genericSpec);

describeConnector(sandboxConnector, {
  config: { channel: "sms" },
  secrets: [],
  actions: {
    send: {
      input: { to: "+79123456789" },
      context: { rendered: { channel: "sms", text: "Order 1001 is confirmed", locale: "en" }, idempotencyKey: "k-1" },
      expect(result, requests) {
        assert.deepEqual(result, { status: "delivered", providerId: "sandbox-k-1", detail: { to: "+79123456789", rendered: { channel: "sms", text: "Order 1001 is confirmed", locale: "en" } } });
        assert.equal(requests.length, 0);
      },
    },
  },
  health: { ok: true },
});

describeConnector(pingConnector, pingSpec);
