import { expect, test } from "vitest";
import { refusedConfigMessage } from "../support/pulumi/program.ts";

test("bad Kubernetes config stops the program before any resource is registered, naming every bad key", async () => {
  const message = await refusedConfigMessage(
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
  );
  expect(message).toContain('llmobs:kubernetes.namespace: "LLM_Obs" is not allowed; a DNS-1123 label');
  expect(message).toContain('llmobs:kubernetes.storage.grafana: "10 GB" is not allowed; a Kubernetes quantity');
  expect(message).toContain('llmobs:kubernetes.serviceType: "External" is not allowed; ClusterIP, NodePort or LoadBalancer');
  expect(message).toContain('llmobs:kubernetes.storageClass: "" is not allowed; an empty storage class');
  expect(message).toContain("nothing was changed");
});
