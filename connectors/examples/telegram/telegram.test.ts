import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { builtInConnectors } from "../../index.ts";
import { ConnectorError, loadConnectorPackages } from "../../sdk/index.ts";
import { actionContext, alteredRequest, describeConnector, inboundContext, startHttpStub, type ConnectorKitSpec } from "../../sdk/testkit/index.ts";
import { BOT_TOKEN, CHAT_ID, failure, me, sampleConfig, sent, textUpdate, update, WEBHOOK_SECRET } from "./telegram.contract.ts";
import type { TelegramConfig } from "./telegram.config.ts";
import { telegramConnector } from "./telegram.connector.ts";

const rendered = { channel: "sms" as const, text: "Order A-1001 is confirmed", locale: "en" };
const paid = update(textUpdate("/paid A-1001"));

/** The whole contract of the connector, checked by the kit. */
const spec: ConnectorKitSpec<TelegramConfig> = {
  config: sampleConfig,
  secrets: ["/botToken", "/webhookSecret"],
  actions: {
    send: {
      input: { orderId: "A-1001" },
      context: { rendered },
      respond: sent(rendered.text),
      expect(result, [request]) {
        assert.equal(request.method, "POST");
        assert.equal(request.path, `/bot${BOT_TOKEN}/sendMessage`);
        assert.match(String(request.headers["content-type"]), /^application\/json/);
        assert.deepEqual(JSON.parse(request.body), { chat_id: CHAT_ID, text: "Order A-1001 is confirmed" });
        assert.deepEqual(result, { status: "delivered", providerId: `${CHAT_ID}:42`, detail: { chatId: CHAT_ID, messageId: 42 } });
      },
    },
  },
  inbound: {
    updates: {
      good: paid,
      expect: [{ type: "deal.message", name: "payment.received", orderId: "A-1001", payload: { via: "telegram", chatId: CHAT_ID, messageId: 1365 } }],
      bad: [
        update(textUpdate("/paid A-1001"), null),
        update(textUpdate("/paid A-1001"), "wh_5ecret-tokem"),
        update(textUpdate("/paid A-1001"), "WH_5ECRET-TOKEN"),
        update(textUpdate("/paid A-1001"), `${WEBHOOK_SECRET}x`),
        alteredRequest(paid, { headers: { "x-telegram-bot-api-secret-token": "" } }),
      ],
      malformed: [
        { request: update("{not json"), status: 400 },
        { request: update({ message: { text: "/paid A-1001" } }), status: 422, pointer: "/update_id" },
        { request: update({ update_id: 7, message: { message_id: 1, text: "/paid A-1001" } }), status: 422, pointer: "/message/chat/id" },
      ],
    },
  },
  retries: {
    send: [
      { respond: failure(429, "Too Many Requests: retry after 35", { retry_after: 35 }), retryable: true },
      { respond: failure(502, "Bad Gateway"), retryable: true },
      { respond: { status: 500, body: "<html>oops</html>" }, retryable: true },
      { respond: "unreachable", retryable: true },
      { respond: failure(400, "Bad Request: chat not found"), retryable: false, status: "failed" },
      { respond: failure(403, "Forbidden: bot was blocked by the user"), retryable: false, status: "undelivered" },
      { respond: failure(401, "Unauthorized"), retryable: false, status: "failed" },
    ],
  },
  health: [
    { respond: me, ok: true },
    { respond: failure(401, "Unauthorized"), ok: false },
  ],
};

describeConnector(telegramConnector, spec);

describe("telegram example connector", () => {
  const send = telegramConnector.actions.send;
  const handler = telegramConnector.inbound!.updates;
  const parse = async (text: string, chat?: Record<string, unknown>, config: Partial<TelegramConfig> = {}) =>
    (await handler.parse(update(textUpdate(text, chat)), inboundContext({ ...sampleConfig("http://127.0.0.1:9"), ...config }))).commands;

  it("should send to the input's chat when given, and send the text input when the message names no template", async () => {
    // given
    const stub = await startHttpStub((request) => sent(JSON.parse(request.body).text, 555, 7));
    try {
      // when
      const result = await send.run({ chatId: 555, text: "Courier is on the way" }, actionContext(sampleConfig(stub.url)));

      // then
      assert.deepEqual(JSON.parse(stub.requests[0].body), { chat_id: 555, text: "Courier is on the way" });
      assert.equal(result.providerId, "555:7");
    } finally {
      await stub.close();
    }
  });

  it("should fail permanently without calling Telegram when there is no chat or no text", async () => {
    // given
    const stub = await startHttpStub(() => sent("?"));
    const { chatId: _none, ...withoutChat } = sampleConfig(stub.url);
    try {
      // when
      const noChat = await send.run({ text: "hi" }, actionContext(withoutChat)).catch((e: unknown) => e);
      const noText = await send.run({}, actionContext(sampleConfig(stub.url))).catch((e: unknown) => e);

      // then
      assert.ok(noChat instanceof ConnectorError && noText instanceof ConnectorError);
      assert.deepEqual([noChat.retryable, noChat.code, noText.retryable, noText.code], [false, "no-chat", false, "empty-text"]);
      assert.equal(stub.requests.length, 0);
    } finally {
      await stub.close();
    }
  });

  it("should say how long Telegram asks to wait, name a migrated group's new id, and never show the bot token", async () => {
    // given
    const answers = [failure(429, "Too Many Requests: retry after 35", { retry_after: 35 }), failure(400, "Bad Request: group chat was upgraded to a supergroup chat", { migrate_to_chat_id: -1009876543210 })];
    const stub = await startHttpStub(() => answers.shift()!);
    try {
      // when
      const limited = (await send.run({}, actionContext(sampleConfig(stub.url), { rendered })).catch((e: unknown) => e)) as Error;
      const migrated = (await send.run({}, actionContext(sampleConfig(stub.url), { rendered })).catch((e: unknown) => e)) as Error;

      // then
      assert.match(limited.message, /it asks to wait 35 s/);
      assert.match(migrated.message, /now the supergroup -1009876543210: set chatId to it/);
      for (const error of [limited, migrated]) assert.ok(!error.message.includes(BOT_TOKEN.split(":")[1]), error.message);
    } finally {
      await stub.close();
    }
  });

  it("should take /paid only from the instance's chat, also written /paid@bot or by @channel name", async () => {
    // when
    const inGroup = await parse("/paid@shop_orders_bot  A-1002 ");
    const byName = await parse("/paid A-1003", { id: -1005555, username: "shop_payments", type: "channel" }, { chatId: "@shop_payments" });
    const stranger = await parse("/paid A-1001", { id: 1111111, type: "private" });
    const unconfigured = await parse("/paid A-1001", undefined, { chatId: undefined });

    // then
    assert.deepEqual(inGroup.map((c) => c.type === "deal.message" && c.orderId), ["A-1002"]);
    assert.deepEqual(byName.map((c) => c.type === "deal.message" && c.orderId), ["A-1003"]);
    assert.match(stranger[0].type === "none" ? stranger[0].note : "", /from chat 1111111 ignored: only the instance's chat \(-1001234567890\)/);
    assert.match(unconfigured[0].type === "none" ? unconfigured[0].note : "", /none configured/);
  });

  it("should acknowledge anything else with a none command", async () => {
    // when
    const chatter = await parse("Who takes the 14:00 delivery?");
    const bare = await parse("/paid");
    const extra = await parse("/paid A-1001 cash");
    const edited = (await handler.parse(update({ update_id: 9, edited_message: {} }), inboundContext(sampleConfig("http://127.0.0.1:9")))).commands;

    // then
    assert.deepEqual([chatter, bare, extra, edited].map((commands) => commands.map((c) => c.type)), [["none"], ["none"], ["none"], ["none"]]);
    assert.match(bare[0].type === "none" ? bare[0].note : "", /write \/paid <orderId>/);
    assert.match(edited[0].type === "none" ? edited[0].note : "", /carries no message \(edited_message\)/);
  });

  it("should load as a connector package and stay out of the built-in connectors", async () => {
    // when the engine loads the package by path, as ORDER_ROUTES_CONNECTORS may name it
    const loaded = await loadConnectorPackages(fileURLToPath(new URL("./index.ts", import.meta.url)));

    // then
    assert.deepEqual(loaded, [telegramConnector]);
    assert.ok(!builtInConnectors.some((connector) => connector.id === "telegram-example"));
  });

  it("should ship an element template for send tasks bound to the telegram instance's send action", () => {
    // given
    const [template] = telegramConnector.elementTemplates as { appliesTo: string[]; properties: { value?: string; binding: { type: string; name: string } }[] }[];
    const bound = (type: string, name: string) => template.properties.find((p) => p.binding.type === type && p.binding.name === name);

    // then
    assert.deepEqual(template.appliesTo, ["bpmn:SendTask", "bpmn:ServiceTask"]);
    assert.equal(bound("or:connector", "action")?.value, "send");
    assert.equal(bound("or:connector", "connector")?.value, "telegram");
    assert.ok(bound("or:connector", "template"));
  });
});
