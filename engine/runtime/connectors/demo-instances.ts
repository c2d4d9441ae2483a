/**
 * The connector instances a fresh demo install gets: `email` and `sms` on the sandbox connector, so the
 * reference route's messages render and show on the deal's timeline without any provider account, and a
 * `shop` storefront (our JSON, signed with DEMO_SHOP_SECRET) to post orders to.
 */
import type { Services } from "../contract.ts";

const DEMO_CALLER = { userId: "", login: "demo-seed", roles: ["admin"] };

/** The demo storefront's webhook secret (change it, or delete the instance, before going live). */
export const DEMO_SHOP_SECRET = "demo-shop-secret";

/** Creates the demo instances that do not exist yet. */
export async function seedDemoConnectors(services: Pick<Services, "connectors">): Promise<string[]> {
  const created: string[] = [];
  for (const channel of ["email", "sms"] as const) {
    if (await services.connectors.runtime.find(channel)) continue;
    await services.connectors.instances.create({ name: channel, connector: "sandbox", config: { channel } }, DEMO_CALLER);
    created.push(channel);
  }
  if (!(await services.connectors.runtime.find("shop"))) {
    await services.connectors.instances.create({ name: "shop", connector: "generic", config: { secret: DEMO_SHOP_SECRET, defaultStore: "A", city: "Moscow" } }, DEMO_CALLER);
    created.push("shop");
  }
  return created;
}
