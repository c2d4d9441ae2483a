/** The order the runtime bench starts its deals from. */

/** A valid storefront order with a unique external id (pickup, one item, pay on receipt). */
export function benchOrder(id: string): Record<string, unknown> {
  return {
    externalId: `bench-${id}`,
    createdAt: new Date().toISOString(),
    customer: { name: "Bench Customer", phone: "+79990000000", email: "bench@example.com", ageVerified: true },
    city: "Moscow",
    store: "store-1",
    fulfilment: { type: "pickup" },
    items: [{ sku: "SKU-1", name: "Kefir", quantity: 1, price: 100, key: false, adult: false }],
    payment: { type: "on_receipt" },
  };
}
