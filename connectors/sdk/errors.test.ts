import assert from "node:assert/strict";
import { test } from "node:test";
import { asConnectorError, asInboundRejected, ConnectorError, InboundRejected, isRetryable } from "./errors.ts";

test("should tell retryable from permanent failures, unknown errors being retryable", () => {
  assert.equal(isRetryable(new ConnectorError("503", { retryable: true })), true);
  assert.equal(isRetryable(new ConnectorError("bad number", { retryable: false, status: "failed" })), false);
  assert.equal(isRetryable(new TypeError("fetch failed")), true);
});

test("should recognise the errors of a connector package that carries its own copy of the SDK", () => {
  // given errors shaped like ours but from another class
  const foreign = Object.assign(new Error("bounced"), { name: "ConnectorError", retryable: false, status: "bounced" });
  const refused = Object.assign(new Error("no id"), { name: "InboundRejected", status: 422, pointer: "/id" });
  // then
  assert.equal(asConnectorError(foreign)?.status, "bounced");
  assert.equal(isRetryable(foreign), false);
  assert.equal(asInboundRejected(refused)?.pointer, "/id");
  assert.equal(asInboundRejected(new InboundRejected(401, "bad signature"))?.status, 401);
  assert.equal(asConnectorError(Object.assign(new Error("x"), { name: "ConnectorError" })), undefined, "no retryable flag, not ours");
  assert.equal(asInboundRejected({ name: "InboundRejected", status: 422 }), undefined, "not an Error");
});
