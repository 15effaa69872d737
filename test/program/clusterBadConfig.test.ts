import { expect, test } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { ProgramFailed, runProgram } from "../support/pulumi/program.ts";

test("bad Kubernetes config stops the program before any resource is registered, naming every bad key", async () => {
  const failure = await runProgram(
    "program/index.ts",
    {
      "llmobs:target": "kubernetes",
      "llmobs:kubernetes": {
        namespace: "LLM_Obs",
        storage: { grafana: "10 GB" },
        serviceType: "External",
        storageClass: "",
      },
    },
    { stack: "cluster" },
  ).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(failure).toBeInstanceOf(ProgramFailed);
  const { reason, resources } = failure as ProgramFailed;
  expect(reason).toBeInstanceOf(pulumi.RunError);
  const message = (reason as Error).message;
  expect(message).toContain('llmobs:kubernetes.namespace: "LLM_Obs" is not allowed; a DNS-1123 label');
  expect(message).toContain('llmobs:kubernetes.storage.grafana: "10 GB" is not allowed; a Kubernetes quantity');
  expect(message).toContain('llmobs:kubernetes.serviceType: "External" is not allowed; ClusterIP, NodePort or LoadBalancer');
  expect(message).toContain('llmobs:kubernetes.storageClass: "" is not allowed; an empty storage class');
  expect(message).toContain("nothing was changed");
  expect(resources).toEqual([]);
});
