/** Every migration, in order (explicit imports: no glob loading of .ts files at run time). */
import { CreateRoutesAndDeals1763900000000 } from "./1763900000000-CreateRoutesAndDeals.ts";
import { CreateWorkTables1763900000001 } from "./1763900000001-CreateWorkTables.ts";
import { CreateHistoryTables1763900000002 } from "./1763900000002-CreateHistoryTables.ts";
import { CreateAccessTables1763900000003 } from "./1763900000003-CreateAccessTables.ts";
import { CreateTeams1763950000000 } from "./1763950000000-CreateTeams.ts";
import { CreateNotifications1763960000000 } from "./1763960000000-CreateNotifications.ts";
import { AddTaskTiming1763970000000 } from "./1763970000000-AddTaskTiming.ts";
import { AddTimerAttempts1763980000000 } from "./1763980000000-AddTimerAttempts.ts";
import { AddTaskDeferredIndex1763980000001 } from "./1763980000001-AddTaskDeferredIndex.ts";
import { CreateTaskTemplates1763990000000 } from "./1763990000000-CreateTaskTemplates.ts";
import { AddTaskAssignedIndex1764000000000 } from "./1764000000000-AddTaskAssignedIndex.ts";
import { CreateConnectorTables1764100000000 } from "./1764100000000-CreateConnectorTables.ts";
import { AddUserPhoneExtension1764100000001 } from "./1764100000001-AddUserPhoneExtension.ts";
import { CreateDeliveryReports1764100000002 } from "./1764100000002-CreateDeliveryReports.ts";

/** Migration classes for the TypeORM data source. */
export const migrations = [
  CreateRoutesAndDeals1763900000000,
  CreateWorkTables1763900000001,
  CreateHistoryTables1763900000002,
  CreateAccessTables1763900000003,
  CreateTeams1763950000000,
  CreateNotifications1763960000000,
  AddTaskTiming1763970000000,
  AddTimerAttempts1763980000000,
  AddTaskDeferredIndex1763980000001,
  CreateTaskTemplates1763990000000,
  AddTaskAssignedIndex1764000000000,
  CreateConnectorTables1764100000000,
  AddUserPhoneExtension1764100000001,
  CreateDeliveryReports1764100000002,
];
