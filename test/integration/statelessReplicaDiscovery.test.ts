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
import { startPrometheus } from "../../cli/local/prometheus.ts";
import { instantQuery } from "../../cli/local/prometheusApi.ts";
import { standInForKubernetesSd, type DiscoveredTarget } from "../support/kubernetes/sdStandIn.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

/**
 * Jaeger and Grafana replicas (Deployments: pods without names known in advance) in the pinned Prometheus,
 * from the cluster stack's prometheus.yml. Pod discovery is handed over through file_sd with the
 * __meta_kubernetes_* labels it would give: each running pod is scraped on its own, on the job's port, as
 * instance <pod name>, so the replicas' counters are never one series that jumps between pods.
 */
const dir = mkdtempSync(join(tmpdir(), "llmobs-replica-sd-"));
const running: RunningProcess[] = [];
const servers: Server[] = [];
let prometheusUrl: string;
let originalYml: string;
let removed: Record<string, unknown[]>;

/** A pod's metrics endpoint: every path answers with one counter naming the pod. */
async function podServer(pod: string): Promise<number> {
  const port = await freePort();
  const server = createServer((_, response) => response.writeHead(200, { "content-type": "text/plain" }).end(`replica_probe_total{served_by="${pod}"} 1\n`));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  servers.push(server);
  return port;
}

/** What pod discovery hands relabelling for one pod: a target per container port, the metrics ones at the pod's server. */
function podTargets(pod: string, phase: string, metricsPort: number, serverPort: number, otherPorts: number[]): DiscoveredTarget[] {
  const labels = (port: number) => ({ __meta_kubernetes_pod_name: pod, __meta_kubernetes_pod_phase: phase, __meta_kubernetes_pod_container_port_number: String(port) });
  return [
    { address: `127.0.0.1:${serverPort}`, labels: labels(metricsPort) },
    ...otherPorts.map((port) => ({ address: "127.0.0.1:1", labels: labels(port) })),
  ];
}

beforeAll(async () => {
  const [prometheusPort, nobody] = [await freePort(), await freePort()];
  const config = parseStackConfig(
    {
      values: {
        target: "kubernetes",
        prometheus: { scrapeInterval: "1s", evaluationInterval: "1s" },
        jaeger: { replicas: 2, storage: { backend: "opensearch", servers: ["https://opensearch.example.com:9200"] } },
        grafana: { replicas: 2, database: { type: "postgres", host: "postgres:5432" } },
        llmService: { targets: [`127.0.0.1:${nobody}`] },
      },
      secrets: { grafanaDatabasePassword: "postgres-password" },
    },
    STACK_FACTS,
  );
  const stack = describeStack(config, { peer: () => `127.0.0.1:${nobody}`, loopback: () => `127.0.0.1:${prometheusPort}` });
  writeRenderedFiles(renderedFiles(stack), dir);
  originalYml = readFileSync(join(dir, "prometheus/prometheus.yml"), "utf8");
  const jaegerPods = ["jaeger-5c9d7-abcde", "jaeger-5c9d7-fghij"];
  const grafanaPods = ["grafana-7f6b8-klmno", "grafana-7f6b8-pqrst"];
  const sdDir = join(dir, "sd");
  mkdirSync(sdDir);
  const standIn = standInForKubernetesSd(originalYml, sdDir, {
    jaeger: [
      ...(await Promise.all(jaegerPods.map(async (pod) => podTargets(pod, "Running", 8888, await podServer(pod), [16686, 4317, 8889])))).flat(),
      // A pod of a rollout still Pending: no target.
      ...podTargets("jaeger-6a1b2-uvwxy", "Pending", 8888, nobody, []),
    ],
    "jaeger-spanmetrics": (await Promise.all(jaegerPods.map(async (pod) => podTargets(pod, "Running", 8889, await podServer(`${pod}/spans`), [8888])))).flat(),
    grafana: (await Promise.all(grafanaPods.map(async (pod) => podTargets(pod, "Running", 3000, await podServer(pod), [9094])))).flat(),
  });
  removed = standIn.removed;
  writeFileSync(join(dir, "prometheus/prometheus.yml"), standIn.yml);
  const prometheus = await startPrometheus({ stack, renderDir: dir, port: prometheusPort });
  running.push(prometheus);
  prometheusUrl = prometheus.url;
});

afterAll(async () => {
  await Promise.all(running.map((process) => process.stop()));
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

const context = () => running.map((p) => p.output()).join("\n").slice(-4000);

test("the rendered prometheus.yml passes the pinned promtool check config, the replicas' pod discovery included", () => {
  const asRendered = join(dir, "prometheus/as-rendered.yml");
  writeFileSync(asRendered, originalYml);
  expect(execFileSync(requireTool("promtool"), ["check", "config", asRendered], { encoding: "utf8" })).toContain("SUCCESS");
  expect(Object.keys(removed).sort()).toEqual(["grafana", "jaeger", "jaeger-spanmetrics", "kubernetes-pods", "node-exporter"]);
});

describe("each replica scraped on its own, in a real Prometheus", () => {
  for (const [job, pods, suffix] of [
    ["jaeger", ["jaeger-5c9d7-abcde", "jaeger-5c9d7-fghij"], ""],
    ["jaeger-spanmetrics", ["jaeger-5c9d7-abcde", "jaeger-5c9d7-fghij"], "/spans"],
    ["grafana", ["grafana-7f6b8-klmno", "grafana-7f6b8-pqrst"], ""],
  ] as const) {
    test(`${job}: every running pod once, on the job's port, as instance <pod name>`, async () => {
      const samples = await waitFor(
        `${job}'s replicas to be scraped`,
        async () => {
          const result = await instantQuery(prometheusUrl, `replica_probe_total{job="${job}"}`);
          return result.length === pods.length ? result : undefined;
        },
        { context },
      );
      expect(samples.map((s) => [s.metric.instance, s.metric.served_by]).sort()).toEqual(pods.map((pod) => [pod, `${pod}${suffix}`]));
      const up = await instantQuery(prometheusUrl, `up{job="${job}"}`);
      expect(up.map((s) => [s.metric.instance, s.value[1]]).sort()).toEqual(pods.map((pod) => [pod, "1"]));
    });
  }
});
