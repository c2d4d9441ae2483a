import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { ConnectorError, isRetryable } from "../../sdk/index.ts";
import { actionContext, startHttpStub, type HttpStub, type StubResponse } from "../../sdk/testkit/index.ts";
import type { StorefrontConfig } from "./config.ts";
import { stagePushAction, verifyBodySignature, type StagePushInput } from "./stage-push.ts";

const input: StagePushInput = { dealId: "d-1", externalId: "wc-727", stage: "assembly", kind: "open", from: "new", at: "2026-03-02T09:00:00.000Z" };
const secret = "push-secret";

describe("storefront stage.push", () => {
  let answer: StubResponse = { status: 200, body: { ok: true } };
  let stub: HttpStub;
  before(async () => {
    stub = await startHttpStub(() => answer);
  });
  after(() => stub.close());

  const push = (config: StorefrontConfig, key = "deal-1:3:stage:assembly") =>
    stagePushAction.run(input, actionContext(config, { idempotencyKey: key, instance: "shop" }));

  it("should POST the exact JSON body with a verifiable signature, the idempotency key and the event name", async () => {
    // given
    answer = { status: 200, body: { ok: true } };
    stub.requests.length = 0;

    // when
    const result = await push({ pushUrl: `${stub.url}/order-routes/stage`, pushSecret: secret });

    // then
    assert.equal(result.status, "sent");
    assert.equal(stub.requests.length, 1);
    const [request] = stub.requests;
    assert.equal(request.method, "POST");
    assert.equal(request.path, "/order-routes/stage");
    assert.equal(request.body, '{"dealId":"d-1","externalId":"wc-727","stage":"assembly","kind":"open","from":"new","at":"2026-03-02T09:00:00.000Z"}');
    assert.equal(request.headers["content-type"], "application/json");
    assert.equal(request.headers["idempotency-key"], "deal-1:3:stage:assembly");
    assert.equal(request.headers["x-order-routes-event"], "deal.stage.changed");
    const expected = `sha256=${createHmac("sha256", secret).update(request.body).digest("hex")}`;
    assert.equal(request.headers["x-order-routes-signature"], expected);
    assert.equal(verifyBodySignature(secret, request.body, String(request.headers["x-order-routes-signature"])), true);
    assert.equal(verifyBodySignature("other-secret", request.body, String(request.headers["x-order-routes-signature"])), false);
  });

  it("should send from as null for the first stage of a deal", async () => {
    // given
    answer = { status: 204 };
    stub.requests.length = 0;

    // when
    await stagePushAction.run({ ...input, stage: "new", from: null }, actionContext({ pushUrl: stub.url, pushSecret: secret }));

    // then
    assert.equal(JSON.parse(stub.requests[0].body).from, null);
  });

  for (const status of [500, 502, 503, 408, 429]) {
    it(`should fail retryably when the storefront answers ${status}`, async () => {
      // given
      answer = { status, body: "busy" };

      // when
      const error = await push({ pushUrl: stub.url, pushSecret: secret }).catch((e: unknown) => e);

      // then
      assert.ok(error instanceof ConnectorError);
      assert.equal(error.retryable, true);
      assert.equal(error.code, String(status));
    });
  }

  for (const status of [400, 401, 404, 410, 422]) {
    it(`should fail permanently when the storefront answers ${status}`, async () => {
      // given
      answer = { status, body: { error: "no such order" } };

      // when
      const error = await push({ pushUrl: stub.url, pushSecret: secret }).catch((e: unknown) => e);

      // then
      assert.ok(error instanceof ConnectorError);
      assert.equal(error.retryable, false);
      assert.equal(error.status, "failed");
      assert.match(error.message, new RegExp(`answered ${status}.*no such order`));
    });
  }

  it("should fail retryably when the storefront cannot be reached", async () => {
    // given a port nobody listens on (a stub that was closed)
    const gone = await startHttpStub(() => ({ status: 200 }));
    await gone.close();

    // when
    const error = await push({ pushUrl: gone.url, pushSecret: secret }).catch((e: unknown) => e);

    // then
    assert.ok(error instanceof ConnectorError);
    assert.equal(isRetryable(error), true);
    assert.match(error.message, /could not be reached/);
  });

  it("should fail permanently, saying what to set, when no pushUrl or pushSecret is configured", async () => {
    // when
    const noUrl = await push({ pushSecret: secret }).catch((e: unknown) => e);
    const noSecret = await push({ pushUrl: stub.url }).catch((e: unknown) => e);

    // then
    assert.ok(noUrl instanceof ConnectorError && noSecret instanceof ConnectorError);
    assert.equal(noUrl.retryable, false);
    assert.match(noUrl.message, /instance "shop" has no pushUrl/);
    assert.equal(noSecret.retryable, false);
    assert.match(noSecret.message, /no pushSecret/);
  });
});
