/**
 * The SMTP connector against a real SMTP server on loopback (smtp-server): what arrives (envelope,
 * recipients, subject, bodies, headers), how failures are classified, pooled sessions and the health check.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import { ConnectorError, checkConnector, secretPointers, validateConfig, type ConnectorSession, type RenderedMessage } from "../../sdk/index.ts";
import { actionContext, sessionContext } from "../../sdk/testkit/index.ts";
import { DEAL_HEADER, MESSAGE_HEADER, messageIdFor, type SmtpSendInput } from "./smtp-message.ts";
import { smtpConnector } from "./smtp.connector.ts";
import type { SmtpConfig } from "./smtp.config.ts";

const USER = "shop";
const PASSWORD = "s3cret";
const send = smtpConnector.actions.send!;

/** A message the loopback server received. */
interface Received {
  envelope: { from: string; to: string[] };
  mail: ParsedMail;
}

/** Error with an SMTP reply code, as smtp-server expects from its hooks. */
function reply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

let server: SMTPServer;
let port: number;
let received: Received[];
let connections: number;
let dataAnswer: Error | undefined;

before(async () => {
  server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) return callback(null, { user: USER });
      callback(reply(535, "Authentication credentials invalid"));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("nobody@")) return callback(reply(550, "Mailbox unavailable"));
      callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        if (dataAnswer) return callback(dataAnswer);
        const envelope = { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address) };
        received.push({ envelope, mail: await simpleParser(Buffer.concat(chunks)) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
  connections = 0;
  dataAnswer = undefined;
});

function config(overrides: Partial<SmtpConfig> = {}): SmtpConfig {
  return { host: "127.0.0.1", port, secure: false, user: USER, password: PASSWORD, from: "Shop <shop@shop.example>", ...overrides };
}

const RENDERED: RenderedMessage = {
  channel: "email",
  subject: "Заказ WEB-1 подтверждён",
  html: "<p>Спасибо, <b>Анна</b>!</p>",
  text: "Спасибо, Анна!",
  locale: "ru",
};

function templated(overrides: Partial<SmtpConfig> = {}, session?: ConnectorSession, key = "deal-1:token:Task_notify") {
  return actionContext(config(overrides), {
    rendered: RENDERED,
    idempotencyKey: key,
    message: { id: 7, dealId: "deal-1", template: "order-confirmed" },
    session,
  });
}

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(() => assert.fail("expected the send to fail"), (e: unknown) => e);
  assert.ok(error instanceof ConnectorError, `expected a ConnectorError, got ${String(error)}`);
  return error;
}

const addresses = (field: AddressObject | AddressObject[] | undefined) => [field ?? []].flat().flatMap((a) => a.value.map((v) => v.address));

describe("smtp connector: sending", () => {
  it("should deliver the rendered template with its recipients, bodies and headers", async () => {
    // given
    const ctx = templated({ replyTo: "help@shop.example" });
    const input: SmtpSendInput = { to: ["anna@example.com", "Boris <boris@example.com>"], cc: "ops@shop.example", bcc: ["audit@shop.example"] };
    // when
    const result = await send.run(input, ctx);
    // then
    assert.equal(received.length, 1);
    const [{ envelope, mail }] = received as [Received];
    assert.equal(envelope.from, "shop@shop.example");
    assert.deepEqual(envelope.to.sort(), ["anna@example.com", "audit@shop.example", "boris@example.com", "ops@shop.example"]);
    assert.deepEqual(addresses(mail.to), ["anna@example.com", "boris@example.com"]);
    assert.deepEqual(addresses(mail.cc), ["ops@shop.example"]);
    assert.equal(mail.headers.get("bcc"), undefined);
    assert.deepEqual(addresses(mail.from), ["shop@shop.example"]);
    assert.deepEqual(addresses(mail.replyTo), ["help@shop.example"]);
    assert.equal(mail.subject, "Заказ WEB-1 подтверждён");
    assert.equal(mail.text?.trim(), "Спасибо, Анна!");
    assert.equal(mail.html, "<p>Спасибо, <b>Анна</b>!</p>");
    assert.equal(mail.messageId, messageIdFor("deal-1:token:Task_notify", "shop@shop.example"));
    assert.match(mail.messageId!, /^<or\.[0-9a-f]{32}@shop\.example>$/);
    assert.equal(mail.headers.get(MESSAGE_HEADER.toLowerCase()), "deal-1:token:Task_notify");
    assert.equal(mail.headers.get(DEAL_HEADER.toLowerCase()), "deal-1");
    assert.equal(result.status, "sent");
    assert.equal(result.providerId, mail.messageId);
    assert.deepEqual((result.detail!.accepted as string[]).sort(), ["anna@example.com", "audit@shop.example", "boris@example.com", "ops@shop.example"]);
    assert.deepEqual(result.detail!.rejected, []);
    assert.match(String(result.detail!.response), /^250 /);
  });

  it("should give a repeated send of one message the same Message-ID, and another message another", async () => {
    // when
    await send.run({ to: "anna@example.com" }, templated());
    await send.run({ to: "anna@example.com" }, templated());
    await send.run({ to: "anna@example.com" }, templated({}, undefined, "deal-1:token:Task_other"));
    // then
    const ids = received.map((r) => r.mail.messageId);
    assert.equal(ids[0], ids[1]);
    assert.notEqual(ids[0], ids[2]);
  });

  it("should send the input's subject and bodies when the message names no template", async () => {
    // given
    const ctx = actionContext(config(), { message: { id: 8, dealId: null, template: null } });
    // when
    await send.run({ to: "anna@example.com", subject: "Hello & welcome", text: "Plain body" }, ctx);
    // then
    const [{ mail }] = received as [Received];
    assert.equal(mail.subject, "Hello & welcome");
    assert.equal(mail.text?.trim(), "Plain body");
    assert.equal(mail.html, false);
    assert.equal(mail.headers.get(DEAL_HEADER.toLowerCase()), undefined);
  });

  it("should refuse, without connecting, a message with neither a template nor a subject and body", async () => {
    // given
    const ctx = actionContext(config(), { message: { id: 9, dealId: null, template: null } });
    // when
    const error = await rejection(send.run({ to: "anna@example.com", html: "<p>hi</p>" }, ctx));
    const nothing = await rejection(send.run({ to: "anna@example.com" }, ctx));
    // then
    assert.equal(error.retryable, false);
    assert.match(error.message, /names no template and its input has no subject\.$/);
    assert.match(nothing.message, /no subject and no text or HTML body\.$/);
    assert.equal(connections, 0);
  });

  it("should report a rejected recipient among accepted ones and still send", async () => {
    // when
    const result = await send.run({ to: ["anna@example.com", "nobody@example.com"] }, templated());
    // then
    assert.equal(result.status, "sent");
    assert.deepEqual(result.detail!.rejected, ["nobody@example.com"]);
    assert.deepEqual(received[0]!.envelope.to, ["anna@example.com"]);
  });
});

describe("smtp connector: failures", () => {
  it("should mark a message bounced, not retryable, when every recipient is refused with 550", async () => {
    // when
    const error = await rejection(send.run({ to: "nobody@example.com" }, templated()));
    // then
    assert.equal(error.retryable, false);
    assert.equal(error.status, "bounced");
    assert.equal(error.code, "550");
    assert.match(error.message, /Mailbox unavailable/);
    assert.equal(received.length, 0);
  });

  it("should retry when the server answers 451", async () => {
    // given
    dataAnswer = reply(451, "Local error in processing, try again later");
    // when
    const error = await rejection(send.run({ to: "anna@example.com" }, templated()));
    // then
    assert.equal(error.retryable, true);
    assert.equal(error.status, undefined);
    assert.equal(error.code, "451");
  });

  it("should retry when the server is down", async () => {
    // given
    const closed = await freePort();
    // when
    const error = await rejection(send.run({ to: "anna@example.com" }, templated({ port: closed })));
    // then
    assert.equal(error.retryable, true);
    assert.match(error.message, new RegExp(`Cannot reach SMTP server 127\\.0\\.0\\.1:${closed}`));
  });

  it("should retry when the server does not answer before the dispatcher's timeout", async () => {
    // given a server that accepts connections and never greets
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const ctx = actionContext(config({ port: (silent.address() as AddressInfo).port }), { rendered: RENDERED, message: { id: 1, dealId: null, template: "t" }, signal: AbortSignal.timeout(300) });
    // when
    const error = await rejection(send.run({ to: "anna@example.com" }, ctx));
    for (const socket of sockets) socket.destroy();
    silent.close();
    // then
    assert.equal(error.retryable, true);
    assert.equal(error.code, "ETIMEDOUT");
    assert.match(error.message, /did not answer in time/);
  });

  it("should retry, asking to check the login, when the server refuses the password (the instance is at fault, not the message)", async () => {
    // when
    const error = await rejection(send.run({ to: "anna@example.com" }, templated({ password: "wrong" })));
    // then
    assert.equal(error.retryable, true);
    assert.equal(error.code, "EAUTH");
    assert.match(error.message, /refused the login.*535.*Check the instance's user and password\./);
    assert.equal(received.length, 0);
  });
});

describe("smtp connector: session, health and definition", () => {
  it("should reuse the session's pooled connection between messages and close it with the session", async () => {
    // given
    const session = await smtpConnector.open!(sessionContext(config()));
    // when
    await send.run({ to: "anna@example.com" }, templated({}, session, "m1"));
    await send.run({ to: "boris@example.com" }, templated({}, session, "m2"));
    await session.close();
    await send.run({ to: "anna@example.com" }, templated({}, undefined, "m3"));
    await send.run({ to: "anna@example.com" }, templated({}, undefined, "m4"));
    // then
    assert.equal(received.length, 4);
    assert.equal(connections, 3, "one pooled connection for the session's two messages, one each without a session");
  });

  it("should check the connection and the login for health", async () => {
    // when
    const good = await smtpConnector.health!({ config: config(), instance: "email", signal: AbortSignal.timeout(5_000) });
    const badLogin = await smtpConnector.health!({ config: config({ password: "wrong" }), instance: "email", signal: AbortSignal.timeout(5_000) });
    const down = await smtpConnector.health!({ config: config({ port: await freePort() }), instance: "email", signal: AbortSignal.timeout(5_000) });
    // then
    assert.deepEqual(good, { ok: true, detail: `SMTP server 127.0.0.1:${port} accepted the connection and the login of shop.` });
    assert.equal(badLogin.ok, false);
    assert.match(badLogin.detail, /refused the login/);
    assert.equal(down.ok, false);
    assert.match(down.detail, /Cannot reach/);
  });

  it("should be a valid connector whose password is its secret and whose config defaults are filled in", () => {
    // given
    const minimal = { host: "smtp.example.com", from: "shop@example.com" };
    // when
    const valid = validateConfig(smtpConnector.configSchema, minimal);
    const invalid = validateConfig(smtpConnector.configSchema, { host: "", port: 70000, from: "nobody", user: "shop", extra: 1 });
    // then
    assert.doesNotThrow(() => checkConnector(smtpConnector));
    assert.deepEqual(secretPointers(smtpConnector.configSchema), ["/password"]);
    assert.deepEqual(valid, { ok: true });
    assert.deepEqual(minimal, { host: "smtp.example.com", from: "shop@example.com", port: 587, secure: false, ignoreTLS: false });
    assert.equal(invalid.ok, false);
    const pointers = [...new Set(invalid.ok ? [] : invalid.errors.map((e) => e.pointer))].sort();
    assert.deepEqual(pointers, ["/", "/from", "/host", "/password", "/port"]);
  });

  it("should ship a Send email element template offering every shipped template, to = customer.email by default", () => {
    // given
    const [template] = smtpConnector.elementTemplates as { appliesTo: string[]; name: string; properties: { id?: string; value?: string; choices?: { value: string }[]; binding: { type: string; name: string } }[] }[];
    const shipped = readdirSync(new URL("../../../definitions/templates/en/", import.meta.url)).filter((f) => f.endsWith(".subject.hbs")).map((f) => f.slice(0, -".subject.hbs".length));
    const byId = (id: string) => template!.properties.find((p) => p.id === id)!;
    // then
    assert.equal(template!.name, "Send email");
    assert.deepEqual(template!.appliesTo, ["bpmn:SendTask", "bpmn:ServiceTask"]);
    assert.deepEqual(byId("instance").binding, { type: "or:connector", name: "connector" });
    assert.deepEqual(byId("template").binding, { type: "or:connector", name: "template" });
    assert.deepEqual(byId("template").choices!.map((c) => c.value).sort(), shipped.sort());
    assert.deepEqual(byId("to").binding, { type: "or:input", name: "to" });
    assert.equal(byId("to").value, "=customer.email");
    assert.ok(template!.properties.some((p) => p.binding.type === "or:connector" && p.binding.name === "action" && p.value === "send"));
  });
});

/** A loopback port nothing listens on. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const free = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return free;
}
