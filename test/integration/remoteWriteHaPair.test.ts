import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseStackConfig } from "../../config/parse.ts";
import { PROMETHEUS_REPLICA_LABEL } from "../../config/replicas.ts";
import { describeStack } from "../../components/stack.ts";
import { renderedFiles } from "../../components/renderedFiles.ts";
import type { ComponentDescription } from "../../components/types.ts";
import { writeRenderedFiles } from "../../cli/render/writeFiles.ts";
import { freePort, waitFor, type RunningProcess } from "../../cli/local/processes.ts";
import { componentOf, startPrometheus, type RunningPrometheus } from "../../cli/local/prometheus.ts";
import { instantQuery, type Sample } from "../../cli/local/prometheusApi.ts";
import { SERIES } from "../../metrics/canonical.ts";
import { recordedSeries } from "../../rules/recordedSeries.ts";
import { startExporter, type SyntheticExporter } from "../../synthetic/exporter.ts";
import { usageFamilies } from "../../synthetic/vocabularies.ts";
import { healthyWorkload } from "../../synthetic/workload.ts";
import { standInForKubernetesSd } from "../support/kubernetes/sdStandIn.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";
import { startRemoteWriteReceiver } from "../support/prometheus/remoteWriteReceiver.ts";

/**
 * Remote write from a Prometheus HA pair on the pinned Prometheus: one prometheus.yml rendered with
 * prometheus.replicas: 2 and remote write, run as two processes each with the POD_NAME its pod would have,
 * both scraping the same synthetic LLM service and writing to a third Prometheus standing in for the store.
 * Every canonical series arrives once per replica, told apart by prometheus_replica, with the cluster label;
 * a query that drops the replica label (what Thanos, Mimir or VictoriaMetrics deduplicate on) gives one
 * series per canonical series, the same ones a single replica holds.
 */
const dir = mkdtempSync(join(tmpdir(), "llmobs-remote-write-ha-"));
const CLUSTER = "ha-pair-under-test";
const REPLICAS = ["prometheus-0", "prometheus-1"];

/** What the Kubernetes target sets from the pod for a replica: its name, and (here) a loopback address. */
function replicaEnvironment(d: ComponentDescription, ordinal: number): Record<string, string> {
  return Object.fromEntries(Object.entries(d.replicaEnv).map(([name, fact]) => [name, fact === "name" ? `${d.name}-${ordinal}` : "127.0.0.1"]));
}

const running: RunningProcess[] = [];
const replicas: RunningPrometheus[] = [];
let exporter: SyntheticExporter;
let receiverUrl: string;
let recorded: string[];

beforeAll(async () => {
  const nobody = await freePort();
  const receiver = await startRemoteWriteReceiver(dir);
  running.push(receiver.process);
  receiverUrl = receiver.url;

  exporter = await startExporter((elapsed) => usageFamilies(healthyWorkload(), elapsed));
  const config = parseStackConfig(
    {
      values: {
        target: "kubernetes",
        prometheus: {
          replicas: 2,
          scrapeInterval: "1s",
          evaluationInterval: "1s",
          remoteWrite: { url: `${receiverUrl}/api/v1/write`, cluster: CLUSTER, queue: { batchSendDeadline: "1s" } },
        },
        llmService: { targets: [exporter.address] },
      },
      secrets: {},
    },
    STACK_FACTS,
  );
  recorded = recordedSeries(config);
  // The stack's other components are not run here: their addresses point nowhere.
  const stack = describeStack(config, { peer: () => `127.0.0.1:${nobody}`, replicaPeer: () => `127.0.0.1:${nobody}`, loopback: () => `127.0.0.1:${nobody}` });
  const prometheus = componentOf(stack, "prometheus");
  writeRenderedFiles(renderedFiles(stack), dir);
  // No cluster to discover pods in: kubernetes_sd stands in as file_sd with no targets.
  mkdirSync(join(dir, "sd"));
  const rendered = readFileSync(join(dir, "prometheus/prometheus.yml"), "utf8");
  writeFileSync(join(dir, "prometheus/prometheus.yml"), standInForKubernetesSd(rendered, join(dir, "sd"), {}).yml);
  for (const ordinal of [0, 1]) {
    const replica = await startPrometheus({
      stack,
      renderDir: dir,
      port: await freePort(),
      dataDir: join(dir, `data-${ordinal}`),
      env: replicaEnvironment(prometheus, ordinal),
    });
    replicas.push(replica);
    running.push(replica);
  }
});

afterAll(async () => {
  await Promise.all(running.map((process) => process.stop()));
  await exporter?.close();
});

const context = () => replicas.map((r) => r.output()).join("\n").slice(-4000);

/** A sample's labels as one comparable string, without the labels named. */
const labelsWithout = (sample: Sample, ...drop: string[]) =>
  JSON.stringify(Object.entries(sample.metric).filter(([name]) => !drop.includes(name)).sort(([a], [b]) => a.localeCompare(b)));

/**
 * Every recorded rule's series (with the cluster label, in the store), the metric name copied to `name`:
 * an aggregation drops __name__, and series of different names would fall together.
 */
const canonical = (selector = `, cluster="${CLUSTER}"`) => `label_replace({__name__=~"${recorded.join("|")}"${selector}}, "name", "$1", "__name__", "(.+)")`;

describe("remote write from a Prometheus HA pair", () => {
  test("each canonical series arrives once per replica, each copy with its prometheus_replica and the cluster label", async () => {
    const samples = await waitFor(
      `${SERIES.requests} from both replicas in the receiver`,
      async () => {
        const result = await instantQuery(receiverUrl, SERIES.requests);
        const from = new Set(result.map((s) => s.metric[PROMETHEUS_REPLICA_LABEL]));
        return REPLICAS.every((replica) => from.has(replica)) ? result : undefined;
      },
      { timeoutMs: 60_000, context },
    );
    for (const sample of samples) {
      expect(sample.metric.cluster).toBe(CLUSTER);
      expect(REPLICAS).toContain(sample.metric[PROMETHEUS_REPLICA_LABEL]);
    }
    // Every canonical series the store holds, by its labels but the replica's: two copies, one from each.
    const copies = await waitFor(
      "every canonical series from both replicas",
      async () => {
        const counts = await instantQuery(receiverUrl, `count without (${PROMETHEUS_REPLICA_LABEL}) (${canonical()})`);
        return counts.length > 0 && counts.every((s) => s.value[1] === "2") ? counts : undefined;
      },
      { timeoutMs: 60_000, context },
    );
    expect(new Set(copies.map((s) => s.metric.name)).size).toBeGreaterThan(1);
  });

  test("up arrives from each replica too", async () => {
    const up = await waitFor(
      "up from both replicas",
      async () => {
        const result = await instantQuery(receiverUrl, `up{job="llm-service", cluster="${CLUSTER}"}`);
        return result.length === 2 ? result : undefined;
      },
      { context },
    );
    expect(up.map((s) => s.metric[PROMETHEUS_REPLICA_LABEL]).sort()).toEqual(REPLICAS);
  });

  test("a query without the replica label gives one series per canonical series: the ones a single replica holds", async () => {
    const { deduplicated, single } = await waitFor(
      "the deduplicated series to match a replica's own",
      async () => {
        const deduplicated = await instantQuery(receiverUrl, `max without (${PROMETHEUS_REPLICA_LABEL}) (${canonical()})`);
        const single = await instantQuery(replicas[0]!.url, canonical(""));
        const a = deduplicated.map((s) => labelsWithout(s, "cluster")).sort();
        const b = single.map((s) => labelsWithout(s, "__name__")).sort();
        return a.length > 0 && JSON.stringify(a) === JSON.stringify(b) ? { deduplicated, single } : undefined;
      },
      { timeoutMs: 60_000, context },
    );
    expect(deduplicated).toHaveLength(single.length);
    expect(new Set(deduplicated.map((s) => labelsWithout(s))).size).toBe(deduplicated.length);
    for (const sample of deduplicated) expect(Object.keys(sample.metric)).not.toContain(PROMETHEUS_REPLICA_LABEL);
  });
});
