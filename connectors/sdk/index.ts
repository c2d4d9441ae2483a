/**
 * The connector SDK: what an integrator imports to write a connector (see connectors/README.md).
 */
export type * from "./types.ts";
export { defineConnector } from "./define.ts";
export { ConnectorError, InboundRejected, isRetryable, asConnectorError, asInboundRejected } from "./errors.ts";
export { hmac, safeEqual } from "./signatures.ts";
export { jsonBody, formBody, isForm } from "./body.ts";
export { normalizePhone, formatPhone, phoneCountry, DEFAULT_PHONE_COUNTRY } from "./phone.ts";
export { validateConfig, maskSecrets, keepMaskedSecrets, secretPointers, SECRET_MASK, type ConfigError } from "./config.ts";
export { encryptJson, decryptJson, parseSecretKey } from "./secrets.ts";
export { createRegistry, loadConnectorPackages, checkConnector, type ConnectorRegistry } from "./registry.ts";
export { readJsonObject, httpRequest, type HttpAnswer } from "./http.ts";
