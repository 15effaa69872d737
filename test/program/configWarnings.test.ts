import { expect, test, vi } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../support/pulumi/program.ts";

// One program run per file: the program module is imported once.
test("legal but surprising values are logged as Pulumi warnings naming the key, and the program runs", async () => {
  const warn = vi.spyOn(pulumi.log, "warn").mockResolvedValue(undefined);
  const run = await runProgram("program/index.ts", {
    "llmobs:target": "docker",
    "llmobs:thresholds": { hostMemoryPercent: 100 },
    "llmobs:alerting": { groupWait: "10m" },
  });
  expect(run.resources.length).toBeGreaterThan(0);
  expect(warn.mock.calls.map(([message]) => message)).toEqual([
    expect.stringContaining("llmobs:alerting.groupWait: 10m is longer than alerting.groupInterval (5m)"),
    expect.stringContaining("llmobs:thresholds.hostMemoryPercent: 100: HostMemoryHigh"),
  ]);
});
