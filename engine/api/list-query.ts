/**
 * react-admin simple-REST lists: `sort=["field","ASC"]`, `range=[0,24]`, `filter={...}` in, an array and
 * `Content-Range: <resource> 0-24/319` out.
 */
import type { Request, Response } from "express";
import { Problem } from "../problem.ts";
import type { ListQuery, Page } from "../runtime/contract.ts";

/** Parses and validates the list parameters of a request; Problem 400 naming the parameter at fault. */
export function parseListQuery(query: Request["query"]): ListQuery {
  const result: ListQuery = {};
  const sort = jsonParam(query, "sort");
  if (sort !== undefined) result.sort = checkSort(sort);
  const range = jsonParam(query, "range");
  if (range !== undefined) result.range = checkRange(range);
  const filter = jsonParam(query, "filter");
  if (filter !== undefined) result.filter = checkFilter(filter);
  return result;
}

/** Sends one page as a JSON array with `Content-Range` (exposed to cross-origin clients). */
export function sendPage<T>(res: Response, resource: string, query: ListQuery, page: Page<T>): void {
  const start = query.range?.[0] ?? 0;
  const span = page.items.length ? `${start}-${start + page.items.length - 1}` : "*";
  res.set("Content-Range", `${resource} ${span}/${page.total}`);
  res.set("Access-Control-Expose-Headers", "Content-Range");
  res.json(page.items);
}

function jsonParam(query: Request["query"], name: string): unknown {
  const raw = query[name];
  if (raw === undefined || raw === "") return undefined;
  if (typeof raw !== "string") throw badParam(name, "it must be given once, as a JSON string");
  try {
    return JSON.parse(raw);
  } catch {
    throw badParam(name, "it is not valid JSON");
  }
}

function checkSort(value: unknown): [string, "ASC" | "DESC"] {
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && value[0] !== "") {
    const order = typeof value[1] === "string" ? value[1].toUpperCase() : "";
    if (order === "ASC" || order === "DESC") return [value[0], order];
  }
  throw badParam("sort", 'it must be ["field", "ASC" | "DESC"]');
}

function checkRange(value: unknown): [number, number] {
  if (Array.isArray(value) && value.length === 2 && value.every((n) => Number.isInteger(n) && n >= 0)) {
    const [start, end] = value as [number, number];
    if (end >= start) return [start, end];
  }
  throw badParam("range", "it must be [start, end], two whole numbers with 0 ≤ start ≤ end");
}

function checkFilter(value: unknown): Record<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw badParam("filter", "it must be a JSON object");
}

function badParam(name: string, why: string): Problem {
  const message = `Query parameter '${name}' is invalid: ${why}.`;
  return new Problem(400, "Bad query parameter", message, [{ message }]);
}
