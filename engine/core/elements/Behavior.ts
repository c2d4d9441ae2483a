/**
 * What an element behavior is: the reaction of one BPMN element type to a token entering it.
 */
import type { RouteNode } from "../route.ts";
import type { Token } from "../types.ts";
import type { Run } from "../run.ts";

/** Handles a token entering a node (through flow `via`, when it came along one). */
export type Enter<N extends RouteNode> = (run: Run, token: Token, node: N, via: string | undefined) => void;

/** One behavior per node type. */
export type Behaviors = { [K in RouteNode["type"]]: Enter<Extract<RouteNode, { type: K }>> };
