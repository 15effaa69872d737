import { expect, test } from "vitest";
import { refusedConfigMessage } from "../support/pulumi/program.ts";

test("stores half configured stop the program before any resource is registered, each problem named with its fix", async () => {
  const secrets = {
    "llmobs:prometheusRemoteWritePassword": "p",
    "llmobs:prometheusRemoteWriteBearerToken": "t",
    "llmobs:jaegerStoragePassword": "123456",
    "llmobs:grafanaDatabasePassword": "d",
  };
  const message = await refusedConfigMessage(
    "program/index.ts",
    {
      "llmobs:target": "kubernetes",
      "llmobs:prometheus": { remoteWrite: { url: "https://mimir.example.com/api/v1/push", username: "team-a" } },
      "llmobs:jaeger": { storage: { backend: "cassandra", username: "jaeger" } },
      "llmobs:grafana": { database: { type: "postgres" } },
      ...secrets,
    },
    { stack: "cluster", secretKeys: Object.keys(secrets) },
  );
  expect(message).toContain("The stack config has 4 problems; nothing was changed");
  expect(message).toContain("llmobs:prometheusRemoteWriteBearerToken: basic auth (prometheus.remoteWrite.username and prometheusRemoteWritePassword) and a bearer token both");
  expect(message).toContain("llmobs:jaeger.storage.servers: cassandra needs the addresses of its servers");
  // The program reads the password, so it can tell Jaeger would read this one as a number; it never prints it.
  expect(message).toContain("llmobs:jaegerStoragePassword: the pinned Jaeger reads a cassandra password only through its config's ${file:…} expansion");
  expect(message).not.toContain("123456");
  // The database without its host is left out, so its password is not also called unused.
  expect(message).toContain("llmobs:grafana.database.host: nothing is not allowed; an external database needs its address");
});
