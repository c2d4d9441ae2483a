/** All entity schemas of the engine, built for one dialect. */
import type { EntitySchema } from "typeorm";
import type { Dialect } from "../columns.ts";
import { routeVersionEntity } from "./route-version.entity.ts";
import { dealEntity } from "./deal.entity.ts";
import { taskEntity } from "./task.entity.ts";
import { timerEntity } from "./timer.entity.ts";
import { outboxEntity } from "./outbox.entity.ts";
import { stageHistoryEntity } from "./stage-history.entity.ts";
import { auditEntity } from "./audit-log.entity.ts";
import { userEntity } from "./user.entity.ts";
import { authTokenEntity } from "./auth-token.entity.ts";
import { reasonEntity } from "./reason.entity.ts";
import { storeEntity } from "./store.entity.ts";
import { teamEntity } from "./team.entity.ts";
import { taskTemplateEntity } from "./task-template.entity.ts";
import { connectorInstanceEntity } from "./connector-instance.entity.ts";
import { deliveryReportEntity } from "./delivery-report.entity.ts";
import { notificationEntity, notificationPrefsEntity } from "./notification.entity.ts";

export type { RouteVersionRow } from "./route-version.entity.ts";
export type { DealRow } from "./deal.entity.ts";
export type { TaskRow, TaskOutcomes, TaskChecklist } from "./task.entity.ts";
export type { TimerRow } from "./timer.entity.ts";
export type { OutboxRow, OutboxStatus } from "./outbox.entity.ts";
export type { ConnectorInstanceRow } from "./connector-instance.entity.ts";
export type { DeliveryReportRow } from "./delivery-report.entity.ts";
export { pendingDelivery } from "./outbox.entity.ts";
export type { StageHistoryRow } from "./stage-history.entity.ts";
export type { AuditRow } from "./audit-log.entity.ts";
export type { UserRow } from "./user.entity.ts";
export type { AuthTokenRow } from "./auth-token.entity.ts";
export type { ReasonRow } from "./reason.entity.ts";
export type { StoreRow } from "./store.entity.ts";
export type { TeamRow } from "./team.entity.ts";
export type { TaskTemplateRow } from "./task-template.entity.ts";
export { NOTIFICATION_KINDS, type NotificationRow, type NotificationKind, type NotificationPrefs, type NotificationPrefsRow } from "./notification.entity.ts";

/** Entity names, for `manager.getRepository<Row>(Entities.Deal)`. */
export const Entities = {
  RouteVersion: "RouteVersion",
  Deal: "Deal",
  Task: "Task",
  Timer: "Timer",
  Outbox: "OutboxMessage",
  StageHistory: "StageHistory",
  Audit: "AuditEntry",
  User: "User",
  AuthToken: "AuthToken",
  Reason: "Reason",
  Store: "Store",
  Team: "Team",
  TaskTemplate: "TaskTemplate",
  Notification: "Notification",
  NotificationPrefs: "NotificationPrefs",
  ConnectorInstance: "ConnectorInstance",
  DeliveryReport: "DeliveryReport",
} as const;

/** Every entity schema for a dialect. */
export function allEntities(dialect: Dialect): EntitySchema<any>[] {
  return [
    routeVersionEntity(dialect),
    dealEntity(dialect),
    taskEntity(dialect),
    timerEntity(dialect),
    outboxEntity(dialect),
    stageHistoryEntity(dialect),
    auditEntity(dialect),
    userEntity(dialect),
    authTokenEntity(dialect),
    reasonEntity(dialect),
    storeEntity(dialect),
    teamEntity(dialect),
    taskTemplateEntity(dialect),
    notificationEntity(dialect),
    notificationPrefsEntity(dialect),
    connectorInstanceEntity(dialect),
    deliveryReportEntity(dialect),
  ];
}
