import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkConnector, type EngineCommand, type Order } from "../../sdk/index.ts";
import { inboundContext, inboundRequest } from "../../sdk/testkit/index.ts";
import { woocommerceConnector } from "./woocommerce.connector.ts";
import { wooSignature } from "./woocommerce.signature.ts";
import { commands, config, ctx, delivery, deliveryLog, handler, order727, ORDER_FILES, read, recordedHeaders, rejection } from "./testing.ts";

const vectors = JSON.parse(read("signature-vectors.json")).woocommerce.vectors as { secret: string; body: string; signature_base64: string }[];

describe("woocommerce connector: webhook signatures and the ping", () => {
  it("should be a well-formed connector with the stage push", () => {
    // then
    assert.doesNotThrow(() => checkConnector(woocommerceConnector));
    assert.ok(woocommerceConnector.actions["stage.push"]);
  });

  for (const [index, vector] of vectors.entries()) {
    it(`should accept signature vector ${index + 1} and refuse it for a tampered body or another secret`, async () => {
      // given
      const request = (body: string) => inboundRequest({ body, headers: { "X-WC-Webhook-Topic": "order.updated", "X-WC-Webhook-Signature": vector.signature_base64 } });
      const withSecret = (secret: string) => inboundContext({ ...config, secret }, "shop");

      // then
      assert.equal(wooSignature(vector.secret, vector.body), vector.signature_base64);
      assert.equal(await handler.verify(request(vector.body), withSecret(vector.secret)), true);
      assert.equal(await handler.verify(request(`${vector.body} `), withSecret(vector.secret)), false);
      assert.equal(await handler.verify(request(vector.body.replace("bar", "baz")), withSecret(vector.secret)), false);
      assert.equal(await handler.verify(request(vector.body), withSecret(`${vector.secret}x`)), false);
    });
  }

  it("should refuse the corpus delivery's signature, whose secret is not published, and an unsigned delivery", async () => {
    // given
    const recorded = inboundRequest({ body: deliveryLog.request_body, headers: recordedHeaders() });
    const unsigned = inboundRequest({ body: order727, headers: { "X-WC-Webhook-Topic": "order.created" } });

    // then
    assert.equal(await handler.verify(recorded, ctx), false);
    assert.equal(await handler.verify(unsigned, ctx), false);
  });

  it("should answer the unsigned form-encoded creation ping with no command", async () => {
    // given: WC_Webhook::deliver_ping posts `webhook_id=<id>` with no topic and no signature
    const ping = inboundRequest({ body: { webhook_id: "142" }, form: true, headers: { "User-Agent": "WooCommerce/8.9.1 Hookshot (WordPress/6.5.3)" } });

    // when
    const verified = await handler.verify(ping, ctx);
    const result = await handler.parse(ping, ctx);

    // then
    assert.equal(verified, true);
    assert.deepEqual(result.commands, [{ type: "none", note: "WooCommerce webhook 142 ping" }]);
  });

  it("should not take a body that merely looks like a ping but names a topic as a ping", async () => {
    // given
    const fake = inboundRequest({ body: "webhook_id=142", form: true, headers: { "X-WC-Webhook-Topic": "order.created" } });

    // then
    assert.equal(await handler.verify(fake, ctx), false);
  });

  it("should refuse the legacy {order: …} payload of the corpus delivery with a sentence on the API version", async () => {
    // when
    const error = await rejection(delivery("order.updated", deliveryLog.request_body));

    // then
    assert.equal(error.status, 422);
    assert.equal(error.pointer, "/order");
    assert.match(error.message, /WP REST API Integration v3/);
  });
});

describe("woocommerce connector: updates and deletions", () => {
  it("should send the completed order of the corpus to the deal as message order.updated", async () => {
    // given
    const wc = JSON.parse(read(ORDER_FILES[1]));

    // when
    const [command] = await commands(delivery("order.updated", wc));

    // then
    assert.equal(command.type, "deal.message");
    const message = command as Extract<EngineCommand, { type: "deal.message" }>;
    assert.equal(message.name, "order.updated");
    assert.equal(message.orderId, "wc-727");
    assert.equal(message.payload?.status, "completed");
    assert.equal((message.payload?.order as Order).externalId, "wc-727");
  });

  it("should cancel on cancelled, refunded and failed, with the matching reason", async () => {
    // when
    const [cancelled] = await commands(delivery("order.updated", { ...order727, status: "cancelled" }));
    const [refunded] = await commands(delivery("order.updated", { ...order727, status: "refunded" }));
    const [failed] = await commands(delivery("order.updated", { ...order727, status: "failed" }));

    // then
    assert.deepEqual(cancelled, { type: "deal.cancel", orderId: "wc-727", reason: "customer_cancelled", note: "WooCommerce status: cancelled." });
    assert.equal(refunded.type === "deal.cancel" && refunded.reason, "customer_cancelled");
    assert.equal(failed.type === "deal.cancel" && failed.reason, "not_paid");
  });

  it("should report payment when a prepaid order turns processing, but not for cash on delivery", async () => {
    // when
    const [paid] = await commands(delivery("order.updated", order727));
    const [cod] = await commands(delivery("order.updated", { ...order727, payment_method: "cod" }));

    // then
    assert.deepEqual(paid, {
      type: "deal.message",
      name: "payment.received",
      orderId: "wc-727",
      payload: { paidAt: "2017-03-22T19:28:08Z", method: "bacs", transactionId: null, total: 29.35, currency: "USD" },
    });
    assert.equal(cod.type === "deal.message" && cod.name, "order.updated");
  });

  it("should cancel a deleted order (its payload is the id only) and ignore other topics", async () => {
    // when
    const [deleted] = await commands(delivery("order.deleted", { id: 727 }));
    const [product] = await commands(delivery("product.updated", { id: 93 }));
    const [restored] = await commands(delivery("order.restored", order727));

    // then
    assert.deepEqual(deleted, { type: "deal.cancel", orderId: "wc-727", reason: "customer_cancelled", note: "The order was deleted in WooCommerce." });
    assert.equal(product.type, "none");
    assert.equal(restored.type, "none");
  });
});
