import { expect, test } from "vitest";
import { refusedConfigMessage } from "../support/pulumi/program.ts";

test("a bad config stops the program before any resource is registered, naming every bad key", async () => {
  const message = await refusedConfigMessage("program/index.ts", {
    "llmobs:target": "docker",
    "llmobs:ports": { grafana: 70000 },
    "llmobs:bindAddress": "my-laptop",
  });
  expect(message).toContain("llmobs:ports.grafana: 70000 is not allowed");
  expect(message).toContain('llmobs:bindAddress: "my-laptop" is not allowed');
});
