import { expect, test } from "vitest";
import { refusedConfigMessage } from "../support/pulumi/program.ts";

test("replicas on Docker, or a count that is no whole number, stop the program before any resource is registered", async () => {
  const message = await refusedConfigMessage("program/index.ts", {
    "llmobs:target": "docker",
    "llmobs:alertmanager": { replicas: 3 },
    "llmobs:prometheus": { replicas: 1.5 },
  });
  expect(message).toContain("llmobs:alertmanager.replicas: 3 is not allowed with target docker; peers on Docker are not supported");
  expect(message).toContain("Run replicas on the cluster target (target: kubernetes, the cluster stack)");
  expect(message).toContain("llmobs:prometheus.replicas: 1.5 is not allowed; an integer from 1 to 3");
  expect(message).toContain("nothing was changed");
});
