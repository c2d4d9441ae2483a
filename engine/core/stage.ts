/**
 * Deal stages and the deal's end: a stage change is emitted whenever the current stage moves; the deal
 * ends `completed` when no token and no join arrival remains, or `terminated` (lost) when cancelled or
 * failed by an uncaught error.
 */
import type { StageKind } from "./route.ts";
import type { FailureRecord } from "./types.ts";
import type { Run } from "./run.ts";
import { emit } from "./run.ts";

/** Moves the deal to a stage, emitting `stage.change` when it differs from the current one. */
export function enterStage(run: Run, stage: string | undefined, failure?: FailureRecord): void {
  if (stage === undefined || stage === run.snap.stage) return;
  const kind: StageKind = run.route.stages.find((s) => s.id === stage)?.kind ?? "open";
  emit(run, {
    type: "stage.change",
    ...(run.snap.stage === undefined ? {} : { from: run.snap.stage }),
    to: stage,
    kind,
    at: run.at,
    ...(failure ? { failure } : {}),
  });
  run.snap.stage = stage;
}

/** The first stage of a route with this kind. */
export function firstStageOf(run: Run, kind: StageKind): string | undefined {
  return run.route.stages.find((s) => s.kind === kind)?.id;
}

/** Records the outcome of a main-process end event and moves to its stage (or the first stage of that kind). */
export function reachOutcome(run: Run, outcome: "won" | "lost", stage?: string): void {
  run.snap.outcome = outcome;
  enterStage(run, stage ?? firstStageOf(run, outcome), outcome === "lost" ? run.snap.failure : undefined);
}

/** Ends the deal: `completed` with the outcome reached, or `terminated` as lost with the failure recorded. */
export function endDeal(run: Run, status: "completed" | "terminated"): void {
  const snap = run.snap;
  if (status === "terminated") {
    snap.outcome = "lost";
    const current = run.route.stages.find((s) => s.id === snap.stage);
    if (current?.kind !== "lost") enterStage(run, firstStageOf(run, "lost"), snap.failure);
  }
  snap.status = status;
  snap.tokens = [];
  delete snap.joins;
  run.queue.length = 0;
  emit(run, {
    type: "deal.end",
    status,
    ...(snap.outcome ? { outcome: snap.outcome } : {}),
    ...(snap.outcome === "lost" && snap.failure ? { failure: snap.failure } : {}),
  });
}

/** Records the failure that sends the deal down its cancellation path. */
export function recordFailure(run: Run, failure: Omit<FailureRecord, "at" | "stage">): FailureRecord {
  const record: FailureRecord = { ...dropUndefined(failure), ...(run.snap.stage ? { stage: run.snap.stage } : {}), at: run.at };
  run.snap.failure = record;
  return record;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
