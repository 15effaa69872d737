import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { renderedFiles } from "../../components/renderedFiles.ts";
import { writeRenderedFiles } from "../../cli/render/writeFiles.ts";
import { requireTool } from "../../cli/tools/installed.ts";
import { freePort, waitFor, type RunningProcess } from "../../cli/local/processes.ts";
import { startNodeExporter, startPrometheus } from "../../cli/local/prometheus.ts";
import { instantQuery } from "../../cli/local/prometheusApi.ts";
import { standInForKubernetesSd } from "../support/kubernetes/sdStandIn.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

/**
 * The cluster stack's prometheus.yml in the pinned Prometheus. There is no cluster here, so what kubernetes_sd
 * would discover is handed over through file_sd with the same __meta_kubernetes_* labels, so the relabelling of annotated pods and of
 * node-exporter's pods runs as it will in the cluster.
 */
const dir = mkdtempSync(join(tmpdir(), "llmobs-k8s-prom-"));
const running: RunningProcess[] = [];
let server: Server;
let appPort: number;
let prometheusUrl: string;
let removed: Record<string, unknown[]>;
let originalYml: string;

const pod = (labels: Record<string, string>) => ({
  __meta_kubernetes_pod_ip: "127.0.0.1",
  __meta_kubernetes_pod_phase: "Running",
  __meta_kubernetes_namespace: "apps",
  ...labels,
});

beforeAll(async () => {
  const [prometheusPort, nodeExporterPort, nobodyPort] = [await freePort(), await freePort(), await freePort()];
  appPort = await freePort();
  server = createServer((request, response) => {
    response.writeHead(request.url === "/custom" ? 200 : 404, { "content-type": "text/plain" });
    response.end(request.url === "/custom" ? "llm_app_requests_total 7\n" : "");
  });
  await new Promise<void>((resolve) => server.listen(appPort, "127.0.0.1", resolve));

  const config = parseStackConfig({
    values: {
      target: "kubernetes",
      prometheus: { scrapeInterval: "1s", evaluationInterval: "1s" },
      llmService: { targets: [`127.0.0.1:${nobodyPort}`] },
    },
    secrets: {},
  }, STACK_FACTS);
  const loopback: Record<string, number> = { prometheus: prometheusPort };
  const stack = describeStack(config, {
    peer: (name) => `127.0.0.1:${loopback[name] ?? nobodyPort}`,
    loopback: () => `127.0.0.1:${prometheusPort}`,
  });
  writeRenderedFiles(renderedFiles(stack), dir);
  originalYml = readFileSync(join(dir, "prometheus/prometheus.yml"), "utf8");
  const sdDir = join(dir, "sd");
  mkdirSync(sdDir);
  const standIn = standInForKubernetesSd(originalYml, sdDir, {
    "node-exporter": [
      {
        address: `127.0.0.1:${nodeExporterPort}`,
        labels: { __meta_kubernetes_pod_container_port_number: "9100", __meta_kubernetes_pod_node_name: "node-a", __meta_kubernetes_pod_phase: "Running" },
      },
      // Another port of the same pod: not node-exporter's metrics port, so not scraped.
      { address: "127.0.0.1:1", labels: { __meta_kubernetes_pod_container_port_number: "9101", __meta_kubernetes_pod_node_name: "node-a" } },
      // A pod still Pending on node-b (its image being pulled) and one that ended: no targets.
      ...["Pending", "Failed"].map((phase) => ({
        address: `127.0.0.1:${nobodyPort}`,
        labels: { __meta_kubernetes_pod_container_port_number: "9100", __meta_kubernetes_pod_node_name: "node-b", __meta_kubernetes_pod_phase: phase },
      })),
    ],
    "kubernetes-pods": [
      {
        address: "10.0.0.9:8080",
        labels: pod({
          __meta_kubernetes_pod_annotation_prometheus_io_scrape: "true",
          __meta_kubernetes_pod_annotation_prometheus_io_port: String(appPort),
          __meta_kubernetes_pod_annotation_prometheus_io_path: "/custom",
          __meta_kubernetes_pod_name: "llm-gateway-1",
          __meta_kubernetes_pod_node_name: "node-a",
          __meta_kubernetes_pod_label_app: "llm-gateway",
        }),
      },
      { address: "10.0.0.10:8080", labels: pod({ __meta_kubernetes_pod_name: "not-annotated" }) },
      {
        address: "10.0.0.11:8080",
        labels: pod({
          __meta_kubernetes_pod_annotation_prometheus_io_scrape: "true",
          __meta_kubernetes_pod_phase: "Succeeded",
          __meta_kubernetes_pod_name: "finished-job",
        }),
      },
    ],
  });
  removed = standIn.removed;
  writeFileSync(join(dir, "prometheus/prometheus.yml"), standIn.yml);

  running.push(await startNodeExporter(stack, nodeExporterPort));
  const prometheus = await startPrometheus({ stack, renderDir: dir, port: prometheusPort });
  running.push(prometheus);
  prometheusUrl = prometheus.url;
});

afterAll(async () => {
  await Promise.all(running.map((process) => process.stop()));
  await new Promise((resolve) => server?.close(resolve));
});

describe("the cluster stack's prometheus.yml", () => {
  test("passes the pinned promtool check config as rendered, kubernetes_sd_configs included", () => {
    const asRendered = join(dir, "prometheus/as-rendered.yml");
    writeFileSync(asRendered, originalYml);
    const output = execFileSync(requireTool("promtool"), ["check", "config", asRendered], { encoding: "utf8" });
    expect(output).toContain("SUCCESS");
    // The blocks the relabelling tests below stand in for.
    expect(Object.keys(removed).sort()).toEqual(["kubernetes-pods", "node-exporter"]);
  });
});

describe("relabelling in a real Prometheus", () => {
  test("scrapes an annotated pod on its annotated port and path, labelled with its namespace, pod and labels", async () => {
    const sample = await waitFor(
      "the annotated pod to be scraped",
      async () => (await instantQuery(prometheusUrl, "llm_app_requests_total"))[0],
      { context: () => running.map((p) => p.output()).join("\n") },
    );
    expect(sample.metric).toMatchObject({
      job: "kubernetes-pods",
      instance: `127.0.0.1:${appPort}`,
      namespace: "apps",
      pod: "llm-gateway-1",
      node: "node-a",
      app: "llm-gateway",
    });
    expect(sample.value[1]).toBe("7");
  });

  test("leaves pods without the annotation, and finished pods, alone", async () => {
    const response = await fetch(`${prometheusUrl}/api/v1/targets`);
    const { data } = (await response.json()) as { data: { activeTargets: { labels: Record<string, string> }[] } };
    const pods = data.activeTargets.filter((t) => t.labels.job === "kubernetes-pods").map((t) => t.labels.pod);
    expect(pods).toEqual(["llm-gateway-1"]);
  });

  test("scrapes node-exporter once per running pod, on its metrics port, as instance <node name>", async () => {
    const samples = await waitFor(
      "node-exporter to be scraped",
      async () => {
        const result = await instantQuery(prometheusUrl, 'up{job="node-exporter"}');
        return result.length > 0 && result.every((s) => s.value[1] === "1") ? result : undefined;
      },
      { context: () => running.map((p) => p.output()).join("\n") },
    );
    expect(samples.map((s) => s.metric.instance)).toEqual(["node-a"]);
  });
});
