/**
 * What the runtime offers to the API and the CLI. Every mutating method is one database transaction and
 * throws `Problem` (engine/problem.ts) on bad input, changing nothing.
 */
import type { RouteIssue } from "../model/types.ts";
import type { Snapshot } from "../core/types.ts";
import type { TaskTemplate } from "../core/route.ts";
import type { WorkCalendar } from "../core/schedule/index.ts";
import type { NotificationsService } from "./notifications/types.ts";
import type { ConnectorServices } from "./connectors/index.ts";
import type { TelephonyService } from "./calls/types.ts";
import type { MessageTemplatesService } from "./templates/types.ts";

/** The authenticated caller of a command. */
export interface Caller {
  userId: string;
  login: string;
  roles: string[];
  store?: string | null;
}

/** A published, immutable route version. */
export interface RouteVersionView {
  id: number;
  key: string;
  version: number;
  name: string;
  publishedAt: string;
  publishedBy?: string | null;
  issues: RouteIssue[];
  runningDeals?: number;
}

/** A generated task. */
export interface TaskView {
  id: string;
  dealId: string;
  token: string;
  element: string;
  title: string;
  role?: string | null;
  store?: string | null;
  stage?: string | null;
  status: "open" | "completed" | "failed" | "cancelled";
  outcomes: { flow: string; kind: "success" | "failure" | "custom"; label: string; color?: string }[];
  outcome?: string | null;
  reason?: string | null;
  completedBy?: string | null;
  /** User id the task is claimed by or assigned to; null while it waits in its role pool. */
  assignee?: string | null;
  createdAt: string;
  completedAt?: string | null;
  dueAt?: string | null;
  /** Hidden from the staff inbox until then (null: visible at once). */
  visibleFrom?: string | null;
  /** True while visibleFrom is in the future (only admins and managers see such a task listed). */
  deferred?: boolean;
  /** When the "almost overdue" warning fires. */
  almostDueAt?: string | null;
  /** Open and past its deadline. */
  overdue?: boolean;
  /** Checklist items with what was ticked (absent when the template has none). */
  checklist?: { id: string; label: string; required: boolean; done: boolean }[];
}

/** One stay of a deal in a stage. */
export interface StageHistoryView {
  stage: string;
  kind: "open" | "won" | "lost";
  enteredAt: string;
  leftAt?: string | null;
  outcome?: string | null;
  reason?: string | null;
  role?: string | null;
  user?: string | null;
}

/** An audit log entry. */
export interface AuditView {
  id: number;
  at: string;
  actor?: string | null;
  role?: string | null;
  action: string;
  fromStage?: string | null;
  toStage?: string | null;
  payload?: unknown;
}

/** A deal (an order running on a route version). */
export interface DealView {
  id: string;
  externalId: string;
  routeKey: string;
  routeVersion: number;
  status: "running" | "completed" | "terminated";
  outcome?: "won" | "lost" | null;
  stage?: string | null;
  store?: string | null;
  data: Record<string, unknown>;
  lostReason?: string | null;
  createdAt: string;
  updatedAt: string;
  snapshot?: Snapshot;
  tasks?: TaskView[];
  history?: StageHistoryView[];
  audit?: AuditView[];
}

/** react-admin simple-REST list parameters, already parsed from `sort`, `range`, `filter`. */
export interface ListQuery {
  sort?: [string, "ASC" | "DESC"];
  /** Inclusive index range, as react-admin sends it: `[0, 24]`. */
  range?: [number, number];
  filter?: Record<string, unknown>;
}

/** One page of a list and the total count (for `Content-Range`). */
export interface Page<T> {
  items: T[];
  total: number;
}

/** A user as the API shows it (never the password hash). */
export interface UserView {
  id: string;
  login: string;
  name: string;
  roles: string[];
  store?: string | null;
  team?: string | null;
  active?: boolean;
  /** Phone extension on the PBX: click-to-call rings it, incoming calls pop up for it. */
  extension?: string | null;
}

/** A store (hypermarket). */
export interface StoreView {
  id: string;
  name: string;
  city?: string | null;
  /** Working hours and holidays for task deadlines and reminders (null: round the clock). */
  calendar?: WorkCalendar | null;
}

/** A team of staff users and its manager (a user id). */
export interface TeamView {
  id: string;
  name: string;
  manager?: string | null;
}

/**
 * Admin CRUD over a catalogue (users, stores, teams, reasons): bodies are validated by the runtime (Problem
 * 422 with pointers), unknown ids are Problem 404, conflicts (duplicates, things still in use) Problem 409.
 */
export interface AdminService<V> {
  list(query: ListQuery): Promise<Page<V>>;
  get(id: string): Promise<V>;
  create(input: unknown, caller: Caller): Promise<V>;
  /** Changes the given fields (react-admin sends the whole record; unknown fields are refused). */
  update(id: string, input: unknown, caller: Caller): Promise<V>;
  /** Deletes, or for things history refers to (users, reasons) deactivates; returns the record as it was or is now. */
  remove(id: string, caller: Caller): Promise<V>;
}

/** A cancellation reason of the catalogue. */
export interface ReasonView {
  /** The code again, for react-admin. */
  id?: string;
  code: string;
  label: { en: string; ru: string };
  roles: string[];
  stages: string[];
  active: boolean;
}

/** A stored reusable task template (definitions/schemas/task-template.schema.json); `id` is what routes reference. */
export interface TaskTemplateView {
  id: string;
  title: string;
  description: string | null;
  instructions: string | null;
  checklist: TaskTemplate["checklist"];
  deadline: string | null;
  slot: TaskTemplate["slot"] | null;
  deferral: string | null;
  reminder: string | null;
  observers: string[];
  priority: number | null;
  active: boolean;
  updatedAt: string;
}

/** Publishing and reading route versions. */
export interface RoutesService {
  /** Compiles and lints without publishing. */
  validate(xml: string): Promise<import("../model/types.ts").CompileResult>;
  /** Publishes a new immutable version; Problem 422 listing every error with its element id. */
  publish(xml: string, caller?: Caller): Promise<RouteVersionView>;
  list(query: ListQuery): Promise<Page<RouteVersionView>>;
  /** One version with its XML; Problem 404 when unknown. */
  get(id: number): Promise<RouteVersionView & { xml: string }>;
}

/** Starting, reading and messaging deals. */
export interface DealsService {
  /** Starts a deal from an order (validated; idempotent on the external order id: `created` false on a repeat). */
  start(order: unknown, caller: Caller, options?: { route?: string }): Promise<{ deal: DealView; created: boolean }>;
  list(query: ListQuery, caller: Caller): Promise<Page<DealView>>;
  /** One deal with its tasks, stage history and audit; Problem 404 when unknown or not visible. */
  get(id: string, caller: Caller): Promise<DealView>;
  /** Delivers a named message to a deal found by id or external order id. */
  message(
    message: { name: string; dealId?: string; orderId?: string; payload?: Record<string, unknown> },
    caller: Caller,
  ): Promise<DealView>;
  /** Comments on a deal (an audit entry on its timeline); each active `@login` in the text gets a mention notification. */
  comment(id: string, text: unknown, caller: Caller): Promise<AuditView>;
}

/** Listing and completing tasks. */
export interface TasksService {
  list(query: ListQuery, caller: Caller): Promise<Page<TaskView>>;
  get(id: string, caller: Caller): Promise<TaskView>;
  /**
   * Completes a task; Problem 409 when it is no longer open, 422 for a bad outcome or reason. `next` lists
   * the tasks this completion opened that the caller may work (what to show them next).
   */
  complete(
    id: string,
    input: { outcome: string; reason?: string; output?: Record<string, unknown>; checklist?: string[] },
    caller: Caller,
  ): Promise<{ task: TaskView; deal: DealView; next: TaskView[] }>;
  /** Takes a pool task for the caller (eligible by role and store); Problem 409 when someone else holds it. */
  claim(id: string, caller: Caller): Promise<TaskView>;
  /** Gives a claimed task back to its pool (its holder, its team's manager or an admin); Problem 409 when held by someone else. */
  release(id: string, caller: Caller): Promise<TaskView>;
  /** Hands a task to an eligible active user (the manager of that user's team, or an admin); Problem 422 at /user when not eligible. */
  reassign(id: string, user: string, caller: Caller): Promise<TaskView>;
}

/** Logins, sessions and API tokens. */
export interface AuthService {
  /** Problem 401 on a wrong login or password. */
  login(login: string, password: string): Promise<{ token: string; user: UserView }>;
  /** The caller behind a session or API token, or null. */
  authenticate(token: string): Promise<Caller | null>;
  logout(token: string): Promise<void>;
}

/** Everything the API and CLI need, built by `createServices` in engine/runtime. */
export interface Services {
  routes: RoutesService;
  deals: DealsService;
  tasks: TasksService;
  auth: AuthService;
  reasons: AdminService<ReasonView>;
  users: AdminService<UserView>;
  stores: AdminService<StoreView>;
  teams: AdminService<TeamView>;
  /** Reusable task templates (DELETE retires). */
  taskTemplates: AdminService<TaskTemplateView>;
  timers: { fireDue(now?: Date): Promise<number> };
  /** The caller's in-app notifications (engine/runtime/notifications). */
  notifications: NotificationsService;
  /** Connectors: catalogue, configured instances, the outbox and webhooks (engine/runtime/connectors). */
  connectors: ConnectorServices;
  /** Email and SMS templates: list, sources, previews (engine/runtime/templates). */
  messageTemplates: MessageTemplatesService;
  /** Click-to-call from a deal and its call log (engine/runtime/calls). */
  telephony: TelephonyService;
}
