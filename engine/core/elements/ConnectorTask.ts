/**
 * Service and send tasks: a connector action handed to the runtime (through the outbox); the token moves on at once.
 */
import type { ConnectorTaskNode } from "../route.ts";
import type { Enter } from "./Behavior.ts";
import { contextOf, emit, leave } from "../run.ts";
import { evalFeel, plain } from "../feel.ts";

/** Emits `message.send` with the task's inputs evaluated as FEEL, then leaves. */
export const enterConnectorTask: Enter<ConnectorTaskNode> = (run, token, node) => {
  const context = contextOf(run, token);
  const input: Record<string, unknown> = {};
  for (const [name, expression] of Object.entries(node.input)) input[name] = plain(evalFeel(expression, context, node.id));
  emit(run, {
    type: "message.send",
    token: token.id,
    element: node.id,
    connector: node.connector,
    action: node.action,
    ...(node.template === undefined ? {} : { template: node.template }),
    input,
  });
  leave(run, token);
};
