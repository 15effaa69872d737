import { beforeAll, expect, test } from "vitest";
import { load } from "js-yaml";
import { runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { validateManifests } from "../support/kubernetes/apiSchema.ts";
import { configFilesInPod, container, K8S, manifests, podSpec, workload } from "../support/kubernetes/programRun.ts";

/**
 * node-exporter beside another one (kube-prometheus-stack's on 9100): another port, a namespace of the
 * cluster's choosing, off the node's network, with NetworkPolicies.
 */
let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram(
    "program/index.ts",
    {
      "llmobs:target": "kubernetes",
      "llmobs:nodeExporter": { hostNetwork: false, port: 9110 },
      "llmobs:kubernetes": { nodeExporterNamespace: "node-agents", networkPolicy: true, podSecurity: "baseline" },
    },
    { stack: "cluster" },
  );
});

test("listens on the configured port, and Prometheus keeps only that port of its pods", () => {
  expect(container(run, "node-exporter").args).toContain("--web.listen-address=:9110");
  expect(container(run, "node-exporter").ports).toEqual([{ name: "metrics", containerPort: 9110, protocol: "TCP" }]);
  expect(container(run, "node-exporter").livenessProbe.httpGet.port).toBe(9110);
  const yml = load(configFilesInPod(run, "prometheus").get("/etc/prometheus/prometheus.yml")!) as any;
  const job = yml.scrape_configs.find((j: any) => j.job_name === "node-exporter");
  expect(job.kubernetes_sd_configs[0].namespaces).toEqual({ names: ["node-agents"] });
  expect(job.relabel_configs).toContainEqual({ source_labels: ["__meta_kubernetes_pod_container_port_number"], regex: "9110", action: "keep" });
});

test("runs in the named namespace, labelled privileged; the stack's namespace takes the configured level", () => {
  expect(workload(run, "node-exporter").inputs.metadata.namespace).toBe("node-agents");
  expect(run.named(K8S.namespace, "privileged-namespace").inputs.metadata).toMatchObject({
    name: "node-agents",
    labels: { "pod-security.kubernetes.io/enforce": "privileged" },
  });
  expect(run.named(K8S.namespace, "namespace").inputs.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("baseline");
  expect(podSpec(run, "node-exporter").hostNetwork).toBeUndefined();
});

test("its NetworkPolicy admits Prometheus from the stack's namespace, which a pod selector alone would not", () => {
  const policy = run.named(K8S.networkPolicy, "node-exporter").inputs;
  expect(policy.metadata.namespace).toBe("node-agents");
  expect(policy.spec.ingress).toEqual([
    {
      from: [
        {
          podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus", "app.kubernetes.io/instance": "llmobs" } },
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "llmobs" } },
        },
      ],
      ports: [{ port: 9110, protocol: "TCP" }],
    },
  ]);
  expect(validateManifests(manifests(run))).toEqual([]);
});
