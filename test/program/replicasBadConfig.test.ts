import { expect, test } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { ProgramFailed, runProgram } from "../support/pulumi/program.ts";

test("replicas on Docker, or a count that is no whole number, stop the program before any resource is registered", async () => {
  const failure = await runProgram("program/index.ts", {
    "llmobs:target": "docker",
    "llmobs:alertmanager": { replicas: 3 },
    "llmobs:prometheus": { replicas: 1.5 },
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(failure).toBeInstanceOf(ProgramFailed);
  const { reason, resources } = failure as ProgramFailed;
  expect(reason).toBeInstanceOf(pulumi.RunError);
  const message = (reason as Error).message;
  expect(message).toContain("llmobs:alertmanager.replicas: 3 is not allowed with target docker; peers on Docker are not supported");
  expect(message).toContain("Run replicas on the cluster target (target: kubernetes, the cluster stack)");
  expect(message).toContain("llmobs:prometheus.replicas: 1.5 is not allowed; an integer from 1 to 3");
  expect(message).toContain("nothing was changed");
  expect(resources).toEqual([]);
});
