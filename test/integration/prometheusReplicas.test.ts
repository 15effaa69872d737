import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "js-yaml";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { renderedFiles } from "../../components/renderedFiles.ts";
import type { ComponentDescription } from "../../components/types.ts";
import { writeRenderedFiles } from "../../cli/render/writeFiles.ts";
import { requireTool } from "../../cli/tools/installed.ts";
import { freePort, waitFor, type RunningProcess } from "../../cli/local/processes.ts";
import { componentOf, startPrometheus, type RunningPrometheus } from "../../cli/local/prometheus.ts";
import { standInForKubernetesSd } from "../support/kubernetes/sdStandIn.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

/**
 * A Prometheus HA pair as the cluster stack renders it (prometheus.replicas: 2, beside three Alertmanagers),
 * run as two pinned Prometheus processes on one rendered file, each with the environment its pod would
 * have. Each labels what it hands on with its own replica name, and sends every alert, without that
 * label, to each of the three Alertmanagers (stood in for by receivers that record what they are sent).
 */

interface AlertReceiver {
  port: number;
  alerts: { labels: Record<string, string> }[];
  server: Server;
}

function startAlertReceiver(port: number): Promise<AlertReceiver> {
  const alerts: AlertReceiver["alerts"] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      if (request.method === "POST" && request.url === "/api/v2/alerts") alerts.push(...(JSON.parse(body) as AlertReceiver["alerts"]));
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve({ port, alerts, server })));
}

/** What the Kubernetes target sets from the pod for a replica: its name, and (here) a loopback address. */
function replicaEnvironment(d: ComponentDescription, ordinal: number): Record<string, string> {
  return Object.fromEntries(Object.entries(d.replicaEnv).map(([name, fact]) => [name, fact === "name" ? `${d.name}-${ordinal}` : "127.0.0.1"]));
}

const dir = mkdtempSync(join(tmpdir(), "llmobs-prom-replicas-"));
const running: RunningProcess[] = [];
const replicas: RunningPrometheus[] = [];
const receivers: AlertReceiver[] = [];
let renderedYml: string;
let prometheus: ComponentDescription;

beforeAll(async () => {
  const nobody = await freePort();
  for (let n = 0; n < 3; n++) receivers.push(await startAlertReceiver(await freePort()));
  const prometheusPorts = [await freePort(), await freePort()];
  const config = parseStackConfig(
    {
      values: {
        target: "kubernetes",
        prometheus: { replicas: 2, scrapeInterval: "1s", evaluationInterval: "1s" },
        alertmanager: { replicas: 3 },
        llmService: { targets: [`127.0.0.1:${nobody}`] },
        // The stack's own jobs point nowhere here: TargetDown fires within seconds, an alert to follow.
        thresholds: { targetDownFor: "1s" },
      },
      secrets: {},
    },
    STACK_FACTS,
  );
  // One rendered file for both replicas, as in the cluster (on two loopback ports, neither scrapes itself here).
  const stack = describeStack(config, {
    peer: () => `127.0.0.1:${nobody}`,
    replicaPeer: (name, ordinal) => `127.0.0.1:${name === "alertmanager" ? receivers[ordinal]!.port : nobody}`,
    loopback: () => `127.0.0.1:${nobody}`,
  });
  prometheus = componentOf(stack, "prometheus");
  writeRenderedFiles(renderedFiles(stack), dir);
  renderedYml = readFileSync(join(dir, "prometheus/prometheus.yml"), "utf8");
  // No cluster to discover pods in: kubernetes_sd stands in as file_sd with no targets (kubernetesDiscovery.test.ts tests those jobs).
  mkdirSync(join(dir, "sd"));
  writeFileSync(join(dir, "prometheus/prometheus.yml"), standInForKubernetesSd(renderedYml, join(dir, "sd"), {}).yml);
  for (const [ordinal, port] of prometheusPorts.entries()) {
    const replica = await startPrometheus({ stack, renderDir: dir, port, dataDir: join(dir, `data-${ordinal}`), env: replicaEnvironment(prometheus, ordinal) });
    replicas.push(replica);
    running.push(replica);
  }
});

afterAll(async () => {
  await Promise.all(running.map((process) => process.stop()));
  await Promise.all(receivers.map((receiver) => new Promise((resolve) => receiver.server.close(resolve))));
});

describe("the rendered prometheus.yml of an HA pair", () => {
  test("passes the pinned promtool check config as rendered, kubernetes_sd_configs included", () => {
    const asRendered = join(dir, "prometheus/as-rendered.yml");
    writeFileSync(asRendered, renderedYml);
    const output = execFileSync(requireTool("promtool"), ["check", "config", asRendered], { encoding: "utf8", env: { ...process.env, POD_NAME: "prometheus-0" } });
    expect(output).toContain("SUCCESS");
    const yml = load(renderedYml) as any;
    expect(yml.global.external_labels).toEqual({ prometheus_replica: "${POD_NAME}" });
    expect(yml.alerting.alertmanagers[0].static_configs[0].targets).toEqual(receivers.map((r) => `127.0.0.1:${r.port}`));
  });
});

describe("two real Prometheus replicas", () => {
  test("each loads the replica label with its own pod's name (the pinned version expands ${...} without a feature flag)", async () => {
    for (const [ordinal, replica] of replicas.entries()) {
      const response = await fetch(`${replica.url}/api/v1/status/config`);
      const { data } = (await response.json()) as { data: { yaml: string } };
      expect((load(data.yaml) as any).global.external_labels).toEqual({ prometheus_replica: `prometheus-${ordinal}` });
    }
    expect(replicas.map((r) => r.output()).join("\n")).not.toContain("Empty environment variable");
  });

  test("each hands its series on with its own replica label (federation, as remote storage sees them)", async () => {
    for (const [ordinal, replica] of replicas.entries()) {
      const text = await waitFor(`prometheus-${ordinal}'s up series`, async () => {
        const response = await fetch(`${replica.url}/federate?${new URLSearchParams({ "match[]": 'up{job="llm-service"}' })}`);
        const body = await response.text();
        return body.includes('job="llm-service"') ? body : undefined;
      });
      expect(text).toMatch(new RegExp(`up\\{[^}]*prometheus_replica="prometheus-${ordinal}"[^}]*\\} 0`));
    }
  });

  test("each sends its alerts to every Alertmanager, without the replica label, so the pair's copies are one alert", async () => {
    const seen = await waitFor(
      "TargetDown at all three Alertmanagers",
      async () => (receivers.every((r) => r.alerts.some((a) => a.labels.alertname === "TargetDown")) ? receivers.map((r) => r.alerts) : undefined),
      { timeoutMs: 60_000, context: () => running.map((p) => p.output()).join("\n").slice(-4000) },
    );
    for (const alerts of seen) {
      for (const alert of alerts) expect(Object.keys(alert.labels)).not.toContain("prometheus_replica");
    }
    // Both replicas evaluated and sent the same alert: the label sets the receivers saw are the same few.
    const distinct = new Set(seen.flat().map((alert) => JSON.stringify(Object.entries(alert.labels).sort())));
    const firing = await Promise.all(replicas.map(async (replica) => {
      const response = await fetch(`${replica.url}/api/v1/alerts`);
      const { data } = (await response.json()) as { data: { alerts: { labels: Record<string, string>; state: string }[] } };
      return data.alerts.filter((a) => a.state === "firing").map((a) => JSON.stringify(Object.entries(a.labels).sort()));
    }));
    expect(firing[0]!.length).toBeGreaterThan(0);
    for (const labels of firing.flat()) expect(distinct).toContain(labels);
  });
});
