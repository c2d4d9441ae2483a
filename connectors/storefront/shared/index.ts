/** What the storefront connectors share: configuration, order mapping helpers, validation and the stage push. */
export { storefrontConfigProperties, storefrontConfigSchema, STOREFRONT_DEFAULTS, type StorefrontConfig, type DefaultSlotPolicy } from "./config.ts";
export { checkOrder, orderProblems, originTable, type PointerOrigin } from "./order-check.ts";
export * from "./mapping.ts";
export { defaultSlot, zonedIso, offsetMinutes, type Slot } from "./slot.ts";
export * from "./stage-push.ts";
