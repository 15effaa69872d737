import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { configProblems } from "../support/config/configProblems.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const parse = (values: Record<string, unknown>) => parseStackConfig({ values, secrets: {} }, STACK_FACTS);

describe("alertmanager.replicas and prometheus.replicas", () => {
  test("one of each by default, on either target", () => {
    for (const target of ["docker", "kubernetes"]) {
      const config = parse({ target });
      expect(config.alertmanager.replicas).toBe(1);
      expect(config.prometheus.replicas).toBe(1);
    }
  });

  test("the cluster target takes an Alertmanager cluster and a Prometheus HA pair", () => {
    const config = parse({ target: "kubernetes", alertmanager: { replicas: 3 }, prometheus: { replicas: 2 } });
    expect(config.alertmanager.replicas).toBe(3);
    expect(config.prometheus.replicas).toBe(2);
    expect(parse({ target: "kubernetes", alertmanager: { replicas: 5 }, prometheus: { replicas: 3 } }).alertmanager.replicas).toBe(5);
  });

  test("a count is an integer from 1 to the most that helps, said with the key", () => {
    for (const replicas of [0, -1, 2.5, 6, "three"]) {
      expect(configProblems({ target: "kubernetes", alertmanager: { replicas } }), String(replicas)).toEqual([
        {
          key: "llmobs:alertmanager.replicas",
          value: replicas,
          message: `${JSON.stringify(replicas)} is not allowed; ${typeof replicas === "string" ? "expected a number: " : ""}an integer from 1 to 5`,
        },
      ]);
    }
    expect(configProblems({ target: "kubernetes", prometheus: { replicas: 4 } })).toEqual([
      { key: "llmobs:prometheus.replicas", value: 4, message: "4 is not allowed; an integer from 1 to 3" },
    ]);
  });

  test("the Docker target refuses peers, each key on its own, and says to use the cluster target", () => {
    const problems = configProblems({ alertmanager: { replicas: 3 }, prometheus: { replicas: 2 } });
    expect(problems.map((p) => [p.key, p.value])).toEqual([
      ["llmobs:alertmanager.replicas", 3],
      ["llmobs:prometheus.replicas", 2],
    ]);
    expect(problems[0]!.message).toBe(
      "3 is not allowed with target docker; peers on Docker are not supported: the Docker stack runs one alertmanager on one machine. " +
        "Run replicas on the cluster target (target: kubernetes, the cluster stack), or remove alertmanager.replicas from this stack",
    );
    expect(configProblems({ target: "docker", alertmanager: { replicas: 1 }, prometheus: { replicas: 1 } })).toEqual([]);
  });

  test("with a target that is itself wrong, only the target is reported", () => {
    expect(configProblems({ target: "swarm", alertmanager: { replicas: 3 } }).map((p) => p.key)).toEqual(["llmobs:target"]);
  });

  test("an unknown key in the alertmanager section names the one there is", () => {
    expect(configProblems({ target: "kubernetes", alertmanager: { replica: 3 } })).toEqual([
      { key: "llmobs:alertmanager.replica", value: 3, message: "unknown key; the keys allowed here are replicas" },
    ]);
  });
});
