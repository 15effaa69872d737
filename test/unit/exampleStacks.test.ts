import { describe, expect, test } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readStackFile, readStackFileWithUnsetSecrets, STACKS_DIR } from "../../config/fromStackFile.ts";
import { StackConfigError } from "../../config/problems.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const STACKS = readdirSync(STACKS_DIR).flatMap((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1] ?? []);

describe("the committed stack files", () => {
  test("are the four, and each reads; only cluster-ha leaves secrets for the user to set", () => {
    expect(STACKS.sort()).toEqual(["cluster", "cluster-ha", "llm-proxy", "local"]);
    for (const stack of STACKS) {
      const { unsetSecrets } = readStackFileWithUnsetSecrets(stack, STACK_FACTS);
      expect(unsetSecrets.map((p) => p.unsetSecret), stack).toEqual(
        stack === "cluster-ha" ? ["prometheusRemoteWritePassword", "jaegerStoragePassword", "grafanaDatabasePassword"] : [],
      );
    }
  });

  test("no two keep their data in the same place: a stack with another's prefix (and namespace) would take its objects and data", () => {
    const places = STACKS.map((stack) => {
      const config = readStackFileWithUnsetSecrets(stack, STACK_FACTS).config;
      return config.target === "docker" ? `docker/${config.namePrefix}` : `${config.kubernetes.namespace}/${config.namePrefix}`;
    });
    expect(new Set(places).size).toBe(STACKS.length);
  });

  test("hold no secret values: every secret is set by the user, encrypted", () => {
    for (const stack of STACKS) expect(readFileSync(join(STACKS_DIR, `Pulumi.${stack}.yaml`), "utf8"), stack).not.toMatch(/^\s*llmobs:\w+(Password|Token|Value|Url):/m);
  });
});

describe("cluster-ha, the cluster stack scaled out", () => {
  test("replicates every component it can, on shared stores, under its own prefix and namespace", () => {
    const { config } = readStackFileWithUnsetSecrets("cluster-ha", STACK_FACTS);
    expect(config.target).toBe("kubernetes");
    expect([config.namePrefix, config.kubernetes.namespace]).toEqual(["llmobs-ha", "llmobs-ha"]);
    expect([config.alertmanager.replicas, config.prometheus.replicas, config.jaeger.replicas, config.grafana.replicas]).toEqual([3, 2, 2, 2]);
    expect(config.prometheus.remoteWrite?.queryUrl).toBeDefined();
    expect(config.jaeger.storage?.backend).toBe("opensearch");
    expect(config.grafana.database?.type).toBe("postgres");
  });

  test("deploying without its secrets is refused, naming each secret and the command that sets it", () => {
    const error = (() => {
      try {
        readStackFile("cluster-ha", STACK_FACTS);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StackConfigError);
    const message = (error as Error).message;
    for (const secret of ["prometheusRemoteWritePassword", "jaegerStoragePassword", "grafanaDatabasePassword"]) {
      expect(message).toContain(`set it with \`pulumi config set --secret llmobs:${secret} <value>\``);
    }
  });

  test("its comments give the same commands, one per secret it needs", () => {
    const text = readFileSync(join(STACKS_DIR, "Pulumi.cluster-ha.yaml"), "utf8");
    const { unsetSecrets } = readStackFileWithUnsetSecrets("cluster-ha", STACK_FACTS);
    for (const problem of unsetSecrets) expect(text).toContain(`pulumi config set --secret llmobs:${problem.unsetSecret} '<password>' --stack cluster-ha`);
  });
});

test("unset secrets are let through only when they are the only problems", () => {
  const dir = mkdtempSync(join(tmpdir(), "llmobs-stacks-"));
  writeFileSync(
    join(dir, "Pulumi.bad.yaml"),
    "config:\n  llmobs:target: kubernetes\n  llmobs:grafana:\n    replicas: 2\n    database:\n      type: postgres\n      host: pg:5432\n  llmobs:jaeger:\n    replicas: 2\n",
  );
  expect(() => readStackFileWithUnsetSecrets("bad", STACK_FACTS, dir)).toThrow(/jaeger.replicas: 2 is not allowed without jaeger.storage/);
});
