import { expect, test } from "vitest";
import { parseStackConfig, StackConfigError, type ConfigProblem } from "../../stacks/config/parse.ts";
import { nodeExporterOnHostNetwork } from "../../stacks/config/nodeExporterNetwork.ts";

function problemsOf(values: Record<string, unknown>): ConfigProblem[] {
  try {
    parseStackConfig({ values, secrets: {} });
  } catch (error) {
    if (error instanceof StackConfigError) return error.problems;
    throw error;
  }
  return [];
}

test("defaults: node-exporter on, on port 9100, on the host's network on Kubernetes only", () => {
  const docker = parseStackConfig({ values: {}, secrets: {} });
  expect(docker.nodeExporter).toEqual({ enabled: true, port: 9100 });
  expect(nodeExporterOnHostNetwork(docker)).toBe(false);
  expect(nodeExporterOnHostNetwork(parseStackConfig({ values: { target: "kubernetes" }, secrets: {} }))).toBe(true);
  expect(nodeExporterOnHostNetwork(parseStackConfig({ values: { nodeExporter: { hostNetwork: true } }, secrets: {} }))).toBe(true);
});

test("on Docker's host network node-exporter publishes nothing: a publish port is an error naming both keys", () => {
  const problems = problemsOf({ ports: { nodeExporter: 9100 }, nodeExporter: { hostNetwork: true } });
  expect(problems).toHaveLength(1);
  expect(problems[0]!.key).toBe("llmobs:ports.nodeExporter");
  expect(problems[0]!.message).toContain("9100 is not allowed with nodeExporter.hostNetwork: true");
  expect(problems[0]!.message).toContain("remove ports.nodeExporter");
  expect(problemsOf({ ports: { nodeExporter: 9100 } })).toEqual([]);
});

test("bad node-exporter values name their key and what is allowed", () => {
  const [port] = problemsOf({ nodeExporter: { port: 70000 } });
  expect(port).toMatchObject({ key: "llmobs:nodeExporter.port", value: 70000 });
  expect(port!.message).toContain("a port is an integer from 1 to 65535");
  const [enabled] = problemsOf({ nodeExporter: { enabled: "no" } });
  expect(enabled).toMatchObject({ key: "llmobs:nodeExporter.enabled" });
  expect(enabled!.message).toContain("true or false");
});
