/**
 * The CommerceML connector: 1C (or a site exporting orders the 1C way) POSTs a CommerceML 2.x/3.x orders
 * file to `/hooks/<instance>/orders?type=sale&mode=file&filename=orders.xml`. It authenticates like the 1C
 * exchange, with HTTP basic auth (`username` / `password`), or with `?token=<token>` in the URL for senders
 * that cannot do basic auth. Each `Документ` of operation "Заказ товара" starts a deal; one marked
 * cancelled (requisite "Отменен" or ПометкаУдаления) cancels its deal; a document that cannot be mapped
 * (no phone, no goods…) is skipped with a note. The answer is 1C's: `success` on the first line, then a
 * summary; when no document at all could be taken, 422 names the first problem. The handshake steps
 * `mode=checkauth` and `mode=init` are answered as 1C expects.
 */
import { defineConnector, InboundRejected, safeEqual, type EngineCommand, type InboundRequest, type InboundResult } from "../../sdk/index.ts";
import { stagePushAction, startDeal, storefrontConfigSchema, text, type StorefrontConfig } from "../shared/index.ts";
import { cmlExternalId, mapCmlDocument, COMMERCEML_ID, ORDER_OPERATION } from "./commerceml.mapping.ts";
import { cmlDocuments, requisiteIsTrue, type CmlDocument } from "./commerceml.xml.ts";

/** CommerceML configuration: basic-auth credentials and/or a URL token, plus the shared storefront fields. */
export interface CommerceMlConfig extends StorefrontConfig {
  username?: string;
  password?: string;
  token?: string;
}

const schema = storefrontConfigSchema(
  {
    username: { type: "string", minLength: 1, title: "Exchange user (basic auth)" },
    password: { type: "string", minLength: 1, "x-secret": true, title: "Exchange password (basic auth)" },
    token: { type: "string", minLength: 16, "x-secret": true, title: "URL token", description: "Alternative to basic auth: the sender adds ?token=<token> to the URL." },
  },
  [],
);

/** The CommerceML (1C) orders connector. */
export const commercemlConnector = defineConnector<CommerceMlConfig>({
  id: COMMERCEML_ID,
  version: "1.0.0",
  title: "1C CommerceML orders",
  kind: "storefront",
  description: "Imports CommerceML 2/3 order files (1C exchange, basic auth or a URL token); each order document starts a deal. Stage changes are pushed to pushUrl.",
  configSchema: { ...schema, anyOf: [{ required: ["username", "password"] }, { required: ["token"] }] },
  actions: { "stage.push": stagePushAction },
  inbound: {
    orders: {
      title: "Orders file (CommerceML, Документ / Заказ товара)",
      verify: (request, ctx) => tokenMatches(request, ctx.config) || basicAuthMatches(request, ctx.config),
      parse(request, ctx): InboundResult {
        const mode = request.query.mode;
        if (mode === "checkauth") return answer([], `success\norder-routes\n${ctx.instance}`);
        if (mode === "init") return answer([], "zip=no\nfile_limit=104857600");
        return importFile(request.rawBody.toString("utf8"), ctx.config, ctx.instance);
      },
    },
  },
});

function importFile(xml: string, config: CommerceMlConfig, instance: string): InboundResult {
  const documents = cmlDocuments(xml).filter(({ node }) => text(node["ХозОперация"]) === ORDER_OPERATION);
  const commands: EngineCommand[] = [];
  const problems: InboundRejected[] = [];
  for (const document of documents) {
    try {
      commands.push(commandFor(document, config, instance));
    } catch (error) {
      if (!(error instanceof InboundRejected)) throw error;
      problems.push(error);
      const where = error.pointer && !error.message.includes(error.pointer) ? ` (${error.pointer})` : "";
      commands.push({ type: "none", note: `Document ${text(document.node["Ид"]) ?? document.pointer} skipped: ${error.message}${where}` });
    }
  }
  if (documents.length === 0) throw new InboundRejected(422, `The file has no Документ with ХозОперация "${ORDER_OPERATION}".`, "/КоммерческаяИнформация");
  if (problems.length === documents.length) throw new InboundRejected(422, `No order in the file could be taken; the first: ${problems[0].message}`, problems[0].pointer);
  const taken = commands.filter((c) => c.type !== "none");
  const summary = [`success`, `orders: ${taken.filter((c) => c.type === "deal.start").length}, cancelled: ${taken.filter((c) => c.type === "deal.cancel").length}, skipped: ${problems.length}`];
  return answer(commands, summary.join("\n"));
}

function commandFor(document: CmlDocument, config: CommerceMlConfig, instance: string): EngineCommand {
  if (requisiteIsTrue(document.node, "Отменен") || text(document.node["ПометкаУдаления"]) === "true") {
    return { type: "deal.cancel", orderId: cmlExternalId(document, config), reason: "customer_cancelled", note: "Cancelled in 1C." };
  }
  return startDeal(mapCmlDocument(document, config, instance), config);
}

function answer(commands: EngineCommand[], body: string): InboundResult {
  return { commands, response: { status: 200, contentType: "text/plain; charset=utf-8", body } };
}

function tokenMatches(request: InboundRequest, config: CommerceMlConfig): boolean {
  return Boolean(config.token && request.query.token) && safeEqual(request.query.token, config.token);
}

function basicAuthMatches(request: InboundRequest, config: CommerceMlConfig): boolean {
  const header = request.headers.authorization ?? "";
  if (!config.username || !config.password || !/^basic /i.test(header)) return false;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return false;
  const userOk = safeEqual(decoded.slice(0, colon), config.username);
  const passwordOk = safeEqual(decoded.slice(colon + 1), config.password);
  return userOk && passwordOk;
}
