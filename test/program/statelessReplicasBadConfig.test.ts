import { expect, test } from "vitest";
import { refusedConfigMessage } from "../support/pulumi/program.ts";

// One program run per file: the program module is loaded once per test file.

test("Jaeger replicas on Badger and Grafana replicas on SQLite stop the cluster program, naming the store to set", async () => {
  const message = await refusedConfigMessage(
    "program/index.ts",
    { "llmobs:target": "kubernetes", "llmobs:jaeger": { replicas: 2 }, "llmobs:grafana": { replicas: 2 } },
    { stack: "cluster" },
  );
  expect(message).toContain("llmobs:jaeger.replicas: 2 is not allowed without jaeger.storage");
  expect(message).toContain("Either set jaeger.storage (backend and servers");
  expect(message).toContain("llmobs:grafana.replicas: 2 is not allowed without grafana.database");
  expect(message).toContain("or set grafana.replicas to 1");
  expect(message).toContain("nothing was changed");
});
