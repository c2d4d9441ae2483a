/**
 * Configured connectors at run time: resolves an instance name to its connector and decrypted
 * configuration (cached until the instance changes), and owns the instances' long-lived sessions.
 */
import type { DataSource } from "typeorm";
import { decryptJson, type Connector, type ConnectorLogger, type ConnectorRegistry, type ConnectorSession, type EngineCommand } from "../../../connectors/sdk/index.ts";
import { Problem } from "../../problem.ts";
import { Entities, type ConnectorInstanceRow } from "../../store/index.ts";

/** An instance ready to use. */
export interface ResolvedInstance {
  name: string;
  connector: Connector<any>;
  config: Record<string, unknown>;
  enabled: boolean;
}

/** Where session events (delivery receipts, call events) go: the inbound command executor. */
export type CommandSink = (instance: string, commands: EngineCommand[]) => Promise<void>;

/** The connectors of one engine process. */
export class ConnectorRuntime {
  private readonly cache = new Map<string, Promise<ResolvedInstance | null>>();
  private readonly sessions = new Map<string, Promise<ConnectorSession>>();
  private sink: CommandSink = async () => {};

  constructor(
    readonly registry: ConnectorRegistry,
    private readonly dataSource: DataSource,
    readonly secretKey: Buffer,
    readonly log: ConnectorLogger,
  ) {}

  /** Sets where session events go (the executor is built after the runtime). */
  onCommands(sink: CommandSink): void {
    this.sink = sink;
  }

  /** The instance by name, or null when none is configured. */
  find(name: string): Promise<ResolvedInstance | null> {
    let entry = this.cache.get(name);
    if (!entry) {
      entry = this.load(name);
      this.cache.set(name, entry);
      entry.catch(() => this.cache.delete(name));
    }
    return entry;
  }

  /** The instance by name; Problem 404 when it is not configured, 409 when disabled. */
  async resolve(name: string): Promise<ResolvedInstance> {
    const instance = await this.find(name);
    if (!instance) throw new Problem(404, "Connector instance not configured", `No connector instance "${name}"; configure it with PUT /api/connector-instances/${name} {connector, config}.`);
    if (!instance.enabled) throw new Problem(409, "Connector instance disabled", `The connector instance "${name}" is disabled.`);
    return instance;
  }

  /** The instance's session, opened on first use (undefined for connectors without sessions). */
  async session(instance: ResolvedInstance): Promise<unknown> {
    if (!instance.connector.open) return undefined;
    let session = this.sessions.get(instance.name);
    if (!session) {
      session = instance.connector.open({
        config: instance.config,
        instance: instance.name,
        log: this.log,
        emit: (commands) => this.sink(instance.name, commands),
      });
      this.sessions.set(instance.name, session);
      session.catch(() => this.sessions.delete(instance.name));
    }
    return session;
  }

  /** Opens the sessions of every enabled instance whose connector asks to be eager (to receive events); failures are logged. */
  async openEager(): Promise<void> {
    const rows = await this.dataSource.getRepository<ConnectorInstanceRow>(Entities.ConnectorInstance).findBy({ enabled: true });
    for (const row of rows) {
      const instance = await this.find(row.name).catch(() => null);
      if (!instance?.connector.eager) continue;
      await this.session(instance).catch((error) => this.log.error({ err: error, instance: row.name }, "cannot open the connector session"));
    }
  }

  /** Forgets a changed instance: its cached configuration and its session (closed). */
  async invalidate(name: string): Promise<void> {
    this.cache.delete(name);
    const session = this.sessions.get(name);
    this.sessions.delete(name);
    await session?.then((s) => s.close()).catch(() => {});
  }

  /** Closes every session. */
  async close(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map((session) => session.then((s) => s.close()).catch(() => {})));
  }

  private async load(name: string): Promise<ResolvedInstance | null> {
    const row = await this.dataSource.getRepository<ConnectorInstanceRow>(Entities.ConnectorInstance).findOneBy({ name });
    if (!row) return null;
    const connector = this.registry.get(row.connector);
    if (!connector) throw new Problem(409, "Connector not installed", `The instance "${name}" uses the connector "${row.connector}", which is not installed; add its package to ORDER_ROUTES_CONNECTORS.`);
    return { name, connector, config: decryptJson<Record<string, unknown>>(this.secretKey, row.config), enabled: Boolean(row.enabled) };
  }
}
