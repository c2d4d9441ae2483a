/**
 * The connector test kit: run it against your connector from a node:test file (see connectors/README.md).
 */
export { actionContext, inboundContext, sessionContext, memoryLogger } from "./context.ts";
export { inboundRequest, alteredRequest } from "./request.ts";
export { startHttpStub, type HttpStub, type StubRequest, type StubResponse } from "./http-stub.ts";
export { describeConnector, checkConnectorKit, kitChecks, formatFailures, type KitCheck } from "./connector-kit.ts";
export type { ConnectorKitSpec, ActionCase, InboundCase, MalformedCase, RetryCase, HealthCase, KitFailure, StubAnswer } from "./kit-spec.ts";
