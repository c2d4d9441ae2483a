import type { AuditRow, DealRow, RouteVersionRow, StageHistoryRow, TaskRow } from "../store/index.ts";
import type { AuditView, DealView, RouteVersionView, StageHistoryView, TaskView } from "./contract.ts";

/** A deal row as the API shows it (`routeVersion` = the version number). */
export function dealView(row: DealRow, routeVersion: number): DealView {
  return {
    id: row.id,
    externalId: row.externalId,
    routeKey: row.routeKey,
    routeVersion,
    status: row.status,
    outcome: row.outcome,
    stage: row.stage,
    store: row.store,
    data: row.data,
    lostReason: row.lostReason,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** A task row as the API shows it (`now` decides `overdue` and `deferred`). */
export function taskView(row: TaskRow, now: Date = new Date()): TaskView {
  return {
    id: row.id,
    dealId: row.dealId,
    token: row.token,
    element: row.elementId,
    title: row.title,
    role: row.role,
    store: row.store,
    stage: row.stage,
    status: row.status,
    outcomes: row.outcomes,
    outcome: row.outcome,
    reason: row.reason,
    completedBy: row.completedBy,
    assignee: row.assignee,
    createdAt: iso(row.createdAt),
    completedAt: isoOrNull(row.completedAt),
    dueAt: isoOrNull(row.dueAt),
    ...timingView(row, now),
  };
}

/** A stage history row as the API shows it. */
export function historyView(row: StageHistoryRow): StageHistoryView {
  return {
    stage: row.stage,
    kind: row.stageKind,
    enteredAt: iso(row.enteredAt),
    leftAt: isoOrNull(row.leftAt),
    outcome: row.outcome,
    reason: row.reason,
    role: row.role,
    user: row.userId,
  };
}

/** An audit row as the API shows it. */
export function auditView(row: AuditRow): AuditView {
  return {
    id: Number(row.id),
    at: iso(row.at),
    actor: row.actorUser,
    role: row.actorRole,
    action: row.action,
    fromStage: row.fromStage,
    toStage: row.toStage,
    payload: row.payload ?? undefined,
  };
}

/** A route version row as the API shows it. */
export function routeVersionView(row: RouteVersionRow, runningDeals?: number): RouteVersionView {
  return {
    id: Number(row.id),
    key: row.routeKey,
    version: row.version,
    name: row.name,
    publishedAt: iso(row.publishedAt),
    publishedBy: row.publishedBy,
    issues: row.issues,
    ...(runningDeals === undefined ? {} : { runningDeals }),
  };
}

function iso(date: Date): string {
  return new Date(date).toISOString();
}

function isoOrNull(date: Date | null): string | null {
  return date ? iso(date) : null;
}

function timingView(row: TaskRow, now: Date): Pick<TaskView, "visibleFrom" | "deferred" | "almostDueAt" | "overdue" | "checklist"> {
  const after = (at: Date | null | undefined) => !!at && new Date(at).getTime() > now.getTime();
  return {
    visibleFrom: isoOrNull(row.visibleFrom),
    deferred: row.status === "open" && after(row.visibleFrom),
    almostDueAt: isoOrNull(row.almostDueAt ?? null),
    overdue: row.status === "open" && !!row.dueAt && new Date(row.dueAt).getTime() < now.getTime(),
    ...(row.checklist ? { checklist: row.checklist } : {}),
  };
}
