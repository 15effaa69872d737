import { expect, test } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { ProgramFailed, runProgram } from "../support/pulumi/program.ts";

test("a bad config stops the program before any resource is registered, naming every bad key", async () => {
  const failure = await runProgram("program/index.ts", {
    "llmobs:target": "docker",
    "llmobs:ports": { grafana: 70000 },
    "llmobs:bindAddress": "my-laptop",
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(failure).toBeInstanceOf(ProgramFailed);
  const { reason, resources } = failure as ProgramFailed;
  expect(reason).toBeInstanceOf(pulumi.RunError);
  expect((reason as Error).message).toContain("llmobs:ports.grafana: 70000 is not allowed");
  expect((reason as Error).message).toContain('llmobs:bindAddress: "my-laptop" is not allowed');
  expect(resources).toEqual([]);
});
