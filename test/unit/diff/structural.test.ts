import { describe, expect, test } from "vitest";
import { structuralChanges, without } from "../../../cli/diff/structural.ts";

describe("structuralChanges", () => {
  test("identical documents have no changes", () => {
    expect(structuralChanges({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });

  test("a changed leaf is named by its path, added and removed keys by theirs", () => {
    expect(structuralChanges({ global: { scrape_interval: "15s", old: 1 } }, { global: { scrape_interval: "30s", fresh: true } })).toEqual([
      { path: "global.scrape_interval", kind: "changed", before: "15s", after: "30s" },
      { path: "global.old", kind: "removed", before: 1 },
      { path: "global.fresh", kind: "added", after: true },
    ]);
  });

  test("keys that are not plain names are quoted", () => {
    expect(structuralChanges({ resource: { "service.name": "jaeger" } }, { resource: { "service.name": "traces" } })).toEqual([
      { path: 'resource["service.name"]', kind: "changed", before: "jaeger", after: "traces" },
    ]);
  });

  test("list elements with a name are matched by name: an inserted job is one addition, not a change to every job after it", () => {
    const before = { scrape_configs: [{ job_name: "a", scheme: "http" }, { job_name: "b", scheme: "http" }] };
    const after = { scrape_configs: [{ job_name: "new", scheme: "http" }, { job_name: "a", scheme: "http" }, { job_name: "b", scheme: "https" }] };
    expect(structuralChanges(before, after)).toEqual([
      { path: "scrape_configs[job_name=b].scheme", kind: "changed", before: "http", after: "https" },
      { path: "scrape_configs[job_name=new]", kind: "added", after: { job_name: "new", scheme: "http" } },
    ]);
  });

  test("reordering named elements is no change", () => {
    expect(structuralChanges({ jobs: [{ name: "a" }, { name: "b" }] }, { jobs: [{ name: "b" }, { name: "a" }] })).toEqual([]);
  });

  test("a list of scalars is compared as one value, so the whole old and new list are shown", () => {
    expect(structuralChanges({ targets: ["a:1"] }, { targets: ["a:1", "b:2"] })).toEqual([
      { path: "targets", kind: "changed", before: ["a:1"], after: ["a:1", "b:2"] },
    ]);
  });

  test("unnamed list elements are compared by position", () => {
    expect(structuralChanges({ routes: [{ receiver: "x", matchers: ["a"] }, { continue: true }] }, { routes: [{ receiver: "x", matchers: ["b"] }] })).toEqual([
      { path: "routes[0].matchers", kind: "changed", before: ["a"], after: ["b"] },
      { path: "routes[1]", kind: "removed", before: { continue: true } },
    ]);
  });
});

test("without drops the named keys and keeps the rest", () => {
  expect(without({ a: 1, b: 2, c: 3 }, ["a", "c"])).toEqual({ b: 2 });
});
