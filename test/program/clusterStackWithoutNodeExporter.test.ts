import { beforeAll, expect, test } from "vitest";
import { load } from "js-yaml";
import { runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { configFilesInPod, K8S } from "../support/kubernetes/programRun.ts";

/** The cluster stack where node-exporter cannot run (GKE Autopilot) or already runs: left out. */
let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram(
    "program/index.ts",
    { "llmobs:target": "kubernetes", "llmobs:nodeExporter": { enabled: false }, "llmobs:kubernetes": { networkPolicy: true } },
    { stack: "cluster" },
  );
});

test("registers no node-exporter and no privileged namespace", () => {
  expect(run.ofType(K8S.daemonSet)).toEqual([]);
  expect(run.ofType(K8S.namespace).map((ns) => ns.inputs.metadata.name)).toEqual(["llmobs"]);
  expect(run.ofType(K8S.networkPolicy).map((p) => p.name).sort()).toEqual(["alertmanager", "grafana", "jaeger", "prometheus"]);
});

test("Prometheus has no node-exporter job, and the Host dashboard says where its data must come from", () => {
  const yml = load(configFilesInPod(run, "prometheus").get("/etc/prometheus/prometheus.yml")!) as any;
  expect(yml.scrape_configs.map((j: any) => j.job_name)).not.toContain("node-exporter");
  const host = JSON.parse(configFilesInPod(run, "grafana").get("/etc/grafana/dashboards/host.json")!);
  expect(host.description).toContain("the stack runs no node-exporter (llmobs:nodeExporter.enabled is false)");
});
