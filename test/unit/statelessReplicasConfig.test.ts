import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { configProblems } from "../support/config/configProblems.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const parse = (values: Record<string, unknown>, secrets: Record<string, string> = {}) => parseStackConfig({ values, secrets }, STACK_FACTS);

const storage = { backend: "opensearch", servers: ["https://opensearch.example.com:9200"] };
const database = { type: "postgres", host: "postgres.db.svc:5432" };
const databaseSecret = { grafanaDatabasePassword: "postgres-password-value" };

describe("jaeger.replicas and grafana.replicas", () => {
  test("one of each by default, on either target", () => {
    for (const target of ["docker", "kubernetes"]) {
      const config = parse({ target });
      expect(config.jaeger.replicas).toBe(1);
      expect(config.grafana.replicas).toBe(1);
    }
  });

  test("the cluster target takes replicas of both on their shared stores", () => {
    const config = parse({ target: "kubernetes", jaeger: { replicas: 2, storage }, grafana: { replicas: 3, database } }, databaseSecret);
    expect(config.jaeger.replicas).toBe(2);
    expect(config.grafana.replicas).toBe(3);
  });

  test("a count is an integer from 1 to the most that helps", () => {
    expect(configProblems({ target: "kubernetes", jaeger: { replicas: 11, storage } })).toEqual([
      { key: "llmobs:jaeger.replicas", value: 11, message: "11 is not allowed; an integer from 1 to 10" },
    ]);
    expect(configProblems({ target: "kubernetes", grafana: { replicas: 0, database } }, databaseSecret)).toEqual([
      { key: "llmobs:grafana.replicas", value: 0, message: "0 is not allowed; an integer from 1 to 5" },
    ]);
  });

  test("more than one Jaeger on Badger, or Grafana on SQLite, is refused with the store to set", () => {
    const problems = configProblems({ target: "kubernetes", jaeger: { replicas: 2 }, grafana: { replicas: 2 } });
    expect(problems).toEqual([
      {
        key: "llmobs:jaeger.replicas",
        value: 2,
        message:
          "2 is not allowed without jaeger.storage: jaeger would keep its data in Badger, on one pod's volume, which only one replica can use. " +
          "Either set jaeger.storage (backend and servers: Elasticsearch, OpenSearch, Cassandra or ClickHouse) so every replica keeps traces " +
          "in the same store, or set jaeger.replicas to 1",
        dependsOn: ["llmobs:jaeger.storage"],
      },
      {
        key: "llmobs:grafana.replicas",
        value: 2,
        message:
          "2 is not allowed without grafana.database: grafana would keep its data in SQLite, on one pod's volume, which only one replica can use. " +
          "Either set grafana.database (type postgres or mysql, host, name, user, and the grafanaDatabasePassword secret) so every replica " +
          "shares dashboards, users and sessions, or set grafana.replicas to 1",
        dependsOn: ["llmobs:grafana.database"],
      },
    ]);
  });

  test("a store that is itself wrong is reported alone, not also as missing", () => {
    const problems = configProblems({ target: "kubernetes", jaeger: { replicas: 2, storage: { backend: "badger" } } });
    expect(problems.map((p) => p.key)).toEqual(["llmobs:jaeger.storage.backend"]);
  });

  test("the Docker target refuses Jaeger and Grafana replicas as it does the others, even on shared stores", () => {
    const problems = configProblems({ jaeger: { replicas: 2, storage }, grafana: { replicas: 2, database } }, databaseSecret);
    expect(problems.map((p) => [p.key, p.value])).toEqual([
      ["llmobs:jaeger.replicas", 2],
      ["llmobs:grafana.replicas", 2],
    ]);
    expect(problems[0]!.message).toContain("2 is not allowed with target docker; peers on Docker are not supported: the Docker stack runs one jaeger");
    expect(problems[1]!.message).toContain("or remove grafana.replicas from this stack");
    // On Docker the target is what to change: the store is not asked for as well.
    expect(configProblems({ jaeger: { replicas: 2 } }).map((p) => p.key)).toEqual(["llmobs:jaeger.replicas"]);
  });
});
