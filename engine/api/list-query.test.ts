import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Problem } from "../problem.ts";
import { parseListQuery } from "./list-query.ts";

describe("list query", () => {
  it("should parse react-admin's sort, range and filter", () => {
    const query = parseListQuery({ sort: '["createdAt","desc"]', range: "[0,24]", filter: '{"stage":"new"}' });
    assert.deepEqual(query, { sort: ["createdAt", "DESC"], range: [0, 24], filter: { stage: "new" } });
  });

  it("should leave out absent parameters", () => {
    assert.deepEqual(parseListQuery({}), {});
  });

  for (const [name, value] of [
    ["sort", "[createdAt"],
    ["sort", '["createdAt","SIDEWAYS"]'],
    ["range", "[5,2]"],
    ["range", "[-1,2]"],
    ["filter", "[1]"],
  ] as const) {
    it(`should refuse ${name}=${value} with a 400 naming the parameter`, () => {
      assert.throws(
        () => parseListQuery({ [name]: value }),
        (err: unknown) => err instanceof Problem && err.status === 400 && err.detail!.includes(`'${name}'`),
      );
    });
  }

  it("should refuse a repeated parameter", () => {
    assert.throws(() => parseListQuery({ range: ["[0,1]", "[2,3]"] }), Problem);
  });
});
