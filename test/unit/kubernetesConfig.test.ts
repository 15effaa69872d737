import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { parseStackConfig } from "../../config/parse.ts";
import { type ConfigProblem } from "../../config/problems.ts";
import { configProblems } from "../support/config/configProblems.ts";
import { parseStackDocument } from "../../config/fromStackFile.ts";
import { privilegedNamespace } from "../../config/privilegedNamespace.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

function problemsOf(kubernetes: Record<string, unknown>, extra: Record<string, unknown> = {}): ConfigProblem[] {
  return configProblems({ target: "kubernetes", kubernetes, ...extra });
}

function onlyProblem(kubernetes: Record<string, unknown>, extra: Record<string, unknown> = {}): ConfigProblem {
  const problems = problemsOf(kubernetes, extra);
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

describe("the kubernetes config section", () => {
  test("defaults: namespace llmobs, current context, default storage class, ClusterIP, no Ingress, no NetworkPolicy, applied (not rendered)", () => {
    const config = parseStackConfig({ values: { target: "kubernetes" }, secrets: {} }, STACK_FACTS);
    expect(config.kubernetes).toEqual({
      clusterIdentifier: "default",
      namespace: "llmobs",
      podSecurity: "restricted",
      storage: {},
      resources: {},
      serviceType: "ClusterIP",
      ingress: { hosts: {} },
      networkPolicy: false,
      render: { secrets: "omit" },
    });
  });

  test("the committed cluster stack file is valid and targets Kubernetes", () => {
    const cluster = parseStackDocument(readFileSync(new URL("../../stacks/Pulumi.cluster.yaml", import.meta.url), "utf8"), STACK_FACTS);
    expect(cluster.target).toBe("kubernetes");
    expect(cluster.kubernetes).toMatchObject({ namespace: "llmobs", serviceType: "ClusterIP", networkPolicy: false });
    expect(cluster.kubernetes.storageClass).toBeUndefined();
  });

  test("a namespace that is not a DNS-1123 label", () => {
    for (const namespace of ["LLMObs", "llm_obs", "-llmobs", "a".repeat(64)]) {
      const problem = onlyProblem({ namespace });
      expect(problem.key).toBe("llmobs:kubernetes.namespace");
      expect(problem.message).toContain("DNS-1123 label");
    }
    expect(problemsOf({ namespace: "a".repeat(63) })).toEqual([]);
  });

  test("a cluster identifier with spaces or nothing in it", () => {
    for (const clusterIdentifier of ["my cluster", "", "-x"]) {
      const problem = onlyProblem({ clusterIdentifier });
      expect(problem.key).toBe("llmobs:kubernetes.clusterIdentifier");
      expect(problem.message).toContain("a name for the cluster such as prod-eu");
    }
  });

  test("node-exporter's namespace: its own, privileged; never the stack's, and always a valid name", () => {
    const problem = onlyProblem({ namespace: "obs", nodeExporterNamespace: "obs" });
    expect(problem.key).toBe("llmobs:kubernetes.nodeExporterNamespace");
    expect(problem.message).toContain("cannot be the stack's own (kubernetes.namespace, obs)");
    expect(problemsOf({ namespace: "obs", nodeExporterNamespace: "obs" }, { nodeExporter: { enabled: false } })).toEqual([]);
    expect(privilegedNamespace({ namespace: "llmobs" })).toBe("llmobs-node-exporter");
    const long = privilegedNamespace({ namespace: `${"a".repeat(48)}-${"b".repeat(14)}` });
    expect(long).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/);
    expect(long).toBe(`${"a".repeat(48)}-node-exporter`);
  });

  test("a Pod Security level that does not exist", () => {
    const problem = onlyProblem({ podSecurity: "strict" });
    expect(problem.key).toBe("llmobs:kubernetes.podSecurity");
    expect(problem.message).toContain("restricted, baseline or privileged");
  });

  test("a size that is not a Kubernetes quantity", () => {
    const problem = onlyProblem({ storage: { grafana: "10 GB" } });
    expect(problem.key).toBe("llmobs:kubernetes.storage.grafana");
    expect(problem.message).toContain('"10 GB" is not allowed');
    expect(problem.message).toContain("10Gi");
    expect(onlyProblem({ storage: { jaeger: "0Gi" } }).key).toBe("llmobs:kubernetes.storage.jaeger");
    expect(onlyProblem({ resources: { grafana: { cpuLimit: "1 core" } } }).key).toBe("llmobs:kubernetes.resources.grafana.cpuLimit");
  });

  test("a data volume for a component that keeps no data", () => {
    const problem = onlyProblem({ storage: { "node-exporter": "1Gi" } });
    expect(problem.key).toBe("llmobs:kubernetes.storage.node-exporter");
    expect(problem.message).toContain("unknown key");
  });

  test("an unknown Service type", () => {
    const problem = onlyProblem({ serviceType: "ExternalName" });
    expect(problem.key).toBe("llmobs:kubernetes.serviceType");
    expect(problem.message).toContain("ClusterIP, NodePort or LoadBalancer");
  });

  test("an empty storage class says to leave it unset for the cluster's default", () => {
    const problem = onlyProblem({ storageClass: "" });
    expect(problem.key).toBe("llmobs:kubernetes.storageClass");
    expect(problem.message).toContain("remove the key to use the cluster's default StorageClass");
    expect(onlyProblem({ storageClass: "Fast SSD" }).message).toContain("DNS-1123 subdomain");
  });

  test("Ingress hosts and class names must be DNS names", () => {
    const problems = problemsOf({ ingress: { className: "Nginx!", hosts: { grafana: "https://grafana.example.com" } } });
    expect(problems.map((p) => p.key).sort()).toEqual(["llmobs:kubernetes.ingress.className", "llmobs:kubernetes.ingress.hosts.grafana"]);
    expect(problemsOf({ ingress: { hosts: { grafana: "*.obs.example.com", jaeger: "traces.example.com" } } })).toEqual([]);
  });

  test("a limit below its request, both given", () => {
    const problem = onlyProblem({ resources: { grafana: { memoryRequest: "2Gi", memoryLimit: "512Mi" } } });
    expect(problem.key).toBe("llmobs:kubernetes.resources.grafana.memoryLimit");
    expect(problem.message).toContain("memory limit (512Mi) must not be below the memory request (2Gi)");
  });

  test("a limit below the component's default request, and a request above its default limit", () => {
    const limit = onlyProblem({ resources: { prometheus: { cpuLimit: "100m" } } });
    expect(limit.key).toBe("llmobs:kubernetes.resources.prometheus.cpuLimit");
    expect(limit.message).toContain("CPU limit (100m) must not be below the CPU request (200m)");
    expect(limit.message).toContain("set both");
    const request = onlyProblem({ resources: { "node-exporter": { memoryRequest: "1Gi" } } });
    expect(request.key).toBe("llmobs:kubernetes.resources.node-exporter.memoryRequest");
    expect(request.message).toContain("(128Mi) must not be below the memory request (1Gi)");
  });

  test("limits equal to or above requests pass, in any unit", () => {
    expect(problemsOf({ resources: { prometheus: { cpuRequest: "0.5", cpuLimit: "500m", memoryRequest: "1G", memoryLimit: "1Gi" } } })).toEqual([]);
  });

  test("a Prometheus volume that cannot hold the retention size", () => {
    const problem = onlyProblem({ storage: { prometheus: "10Gi" } });
    expect(problem.key).toBe("llmobs:kubernetes.storage.prometheus");
    expect(problem.message).toContain("must be larger than prometheus.retentionSize (10GB)");
    const raised = onlyProblem({}, { prometheus: { retentionSize: "20GB" } });
    expect(raised.key).toBe("llmobs:prometheus.retentionSize");
    expect(problemsOf({ storage: { prometheus: "25Gi" } }, { prometheus: { retentionSize: "20GB" } })).toEqual([]);
  });

  test("the volume size is not checked on Docker, where volumes have none", () => {
    expect(() => parseStackConfig({ values: { prometheus: { retentionSize: "50GB" } }, secrets: {} }, STACK_FACTS)).not.toThrow();
  });
});
