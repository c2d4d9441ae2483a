import type { Caller } from "../contract.ts";

/** The role recorded for the sender of a message: an integrator's, or the caller's first role. */
export function actingRoleForMessage(caller: Caller): string | null {
  return caller.roles.includes("integrator") ? "integrator" : (caller.roles[0] ?? null);
}
