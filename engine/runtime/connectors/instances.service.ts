/**
 * Configured connector instances (admin CRUD): the configuration is validated against the connector's
 * schema, stored encrypted, and shown with its secrets masked; a masked secret sent back keeps the stored
 * one. `test` runs the connector's health check.
 */
import { decryptJson, encryptJson, keepMaskedSecrets, maskSecrets, validateConfig } from "../../../connectors/sdk/index.ts";
import { Problem } from "../../problem.ts";
import { Entities, inTransaction, insertRow, updateRows, type ConnectorInstanceRow } from "../../store/index.ts";
import { checkBody, fieldProblem } from "../body-schema.ts";
import type { RuntimeContext } from "../context.ts";
import type { AdminService, Caller, ListQuery, Page } from "../contract.ts";
import { applyListQuery } from "../page.ts";
import type { ConnectorRuntime } from "./connector-runtime.ts";

/** A connector instance as the API shows it (secrets masked). */
export interface ConnectorInstanceView {
  id: string;
  name: string;
  connector: string;
  enabled: boolean;
  config: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

/** Connector instances plus their health check. */
export interface ConnectorInstancesService extends AdminService<ConnectorInstanceView> {
  /** Runs the instance's health check (10 s at most). */
  test(name: string): Promise<{ ok: boolean; detail: string }>;
}

const NAME = { type: "string", pattern: "^[a-z][a-z0-9_-]{0,63}$" };
const FIELDS = { id: NAME, name: NAME, connector: { type: "string", minLength: 1 }, enabled: { type: "boolean" }, config: { type: "object" }, createdAt: {}, updatedAt: {}, updatedBy: {} };
const CREATE = { type: "object", additionalProperties: false, required: ["name", "connector", "config"], properties: FIELDS };
const UPDATE = { type: "object", additionalProperties: false, properties: FIELDS };
const LIST_FIELDS = { id: "name", name: "name", connector: "connector", enabled: "enabled", updatedAt: "updatedAt" };

type Input = { name?: string; id?: string; connector?: string; enabled?: boolean; config?: Record<string, unknown> };

/** The connector instances service. */
export function connectorInstancesService(ctx: RuntimeContext, connectors: ConnectorRuntime): ConnectorInstancesService {
  const repository = () => ctx.dataSource.getRepository<ConnectorInstanceRow>(Entities.ConnectorInstance);
  const view = (row: ConnectorInstanceRow): ConnectorInstanceView => viewOf(row, connectors);
  const find = async (name: string) => {
    const row = await repository().findOneBy({ name });
    if (!row) throw new Problem(404, "Connector instance not found", `No connector instance ${name}.`);
    return row;
  };
  const sealed = (connectorId: string, config: Record<string, unknown>, stored?: Record<string, unknown>) => {
    const connector = connectors.registry.get(connectorId);
    if (!connector) throw fieldProblem("/connector", `No connector "${connectorId}"; installed: ${connectors.registry.list().map((c) => c.id).join(", ")}.`, "Invalid connector instance");
    const full = keepMaskedSecrets(connector.configSchema, config, stored);
    const check = validateConfig(connector.configSchema, full);
    if (!check.ok) throw new Problem(422, "Invalid connector configuration", `The configuration does not match the ${connector.id} connector's schema.`, check.errors.map((e) => ({ pointer: `/config${e.pointer === "/" ? "" : e.pointer}`, message: e.message })));
    return encryptJson(connectors.secretKey, full);
  };

  return {
    async list(query: ListQuery): Promise<Page<ConnectorInstanceView>> {
      const [rows, total] = await applyListQuery(repository().createQueryBuilder("row"), query, LIST_FIELDS, ["name", "ASC"]).getManyAndCount();
      return { items: rows.map(view), total };
    },
    get: async (name) => view(await find(name)),
    async create(input, caller: Caller) {
      const body = checkBody<Input & { name: string; connector: string; config: Record<string, unknown> }>(CREATE, input, "Invalid connector instance");
      const now = ctx.now();
      const row: ConnectorInstanceRow = { name: body.name, connector: body.connector, config: sealed(body.connector, body.config), enabled: body.enabled ?? true, createdAt: now, updatedAt: now, updatedBy: caller.login };
      await inTransaction(ctx.dataSource, async (manager) => {
        if (await manager.getRepository<ConnectorInstanceRow>(Entities.ConnectorInstance).findOneBy({ name: body.name })) {
          throw new Problem(409, "Connector instance exists", `The connector instance ${body.name} exists; change it with PUT.`, [{ pointer: "/name", message: "Choose another name." }]);
        }
        await insertRow<ConnectorInstanceRow>(manager, Entities.ConnectorInstance, row);
      });
      await connectors.invalidate(body.name);
      return view(row);
    },
    async update(name, input, caller: Caller) {
      const body = checkBody<Input>(UPDATE, input, "Invalid connector instance");
      for (const field of ["id", "name"] as const) if (body[field] !== undefined && body[field] !== name) throw fieldProblem(`/${field}`, "The name cannot change.", "Invalid connector instance");
      // PUT of a new name with a connector and a configuration creates the instance (configuration as code)
      if (body.connector && body.config && !(await repository().findOneBy({ name }))) return this.create({ name, connector: body.connector, config: body.config, ...(body.enabled === undefined ? {} : { enabled: body.enabled }) }, caller);
      const row = await find(name);
      const connectorId = body.connector ?? row.connector;
      const changes: Partial<ConnectorInstanceRow> = { updatedAt: ctx.now(), updatedBy: caller.login };
      if (body.enabled !== undefined) changes.enabled = body.enabled;
      if (body.connector !== undefined || body.config !== undefined) {
        const stored = (await connectors.find(name).catch(() => null))?.config;
        changes.connector = connectorId;
        changes.config = sealed(connectorId, body.config ?? stored ?? {}, connectorId === row.connector ? stored : undefined);
      }
      await inTransaction(ctx.dataSource, (manager) => updateRows<ConnectorInstanceRow>(manager, Entities.ConnectorInstance, { name }, changes));
      await connectors.invalidate(name);
      return view({ ...row, ...changes });
    },
    async remove(name) {
      const row = await find(name);
      await inTransaction(ctx.dataSource, (manager) => manager.getRepository<ConnectorInstanceRow>(Entities.ConnectorInstance).delete({ name }));
      await connectors.invalidate(name);
      return view(row);
    },
    async test(name) {
      const instance = await connectors.resolve(name);
      if (!instance.connector.health) return { ok: true, detail: `The ${instance.connector.id} connector has no health check.` };
      const signal = AbortSignal.timeout(10_000);
      try {
        const session = await connectors.session(instance);
        return await instance.connector.health({ config: instance.config, instance: name, session, signal });
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      }
    },
  };
}

function viewOf(row: ConnectorInstanceRow, connectors: ConnectorRuntime): ConnectorInstanceView {
  const connector = connectors.registry.get(row.connector);
  let config: Record<string, unknown> = {};
  try {
    config = connector ? maskSecrets(connector.configSchema, decryptFor(row, connectors)) : {};
  } catch {
    config = {};
  }
  const iso = (d: Date) => new Date(d).toISOString();
  return { id: row.name, name: row.name, connector: row.connector, enabled: Boolean(row.enabled), config, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt), updatedBy: row.updatedBy };
}

function decryptFor(row: ConnectorInstanceRow, connectors: ConnectorRuntime): Record<string, unknown> {
  return decryptJson<Record<string, unknown>>(connectors.secretKey, row.config);
}
