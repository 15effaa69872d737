import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeStack } from "../../components/stack.ts";
import type { StackDescription } from "../../components/types.ts";
import { renderedFiles } from "../../components/renderedFiles.ts";
import { writeRenderedFiles } from "../../cli/render/writeFiles.ts";
import { JAEGER_PORTS } from "../../components/jaeger/jaegerConfig.ts";
import { ALERTMANAGER_PORT } from "../../components/alertmanager/description.ts";
import { PROMETHEUS_PORT } from "../../components/prometheus/description.ts";
import { stackExpectations } from "../../cli/verify/expectations.ts";
import { verifyStack, type VerifyInput } from "../../cli/verify/run.ts";
import type { Check } from "../../cli/preflight/checks.ts";
import { fastConfig } from "../support/grafana/dashboards.ts";
import type { GrafanaApiDouble } from "../support/grafana/apiDouble.ts";
import { startHealthyGrafana } from "../support/grafana/healthyGrafana.ts";
import { startJaeger } from "../support/jaeger/localJaeger.ts";
import type { RunningComponent } from "../../cli/local/startComponent.ts";
import { freePort, waitFor, type RunningProcess } from "../../cli/local/processes.ts";
import { componentOf, startAlertmanager, startNodeExporter, startPrometheus } from "../../cli/local/prometheus.ts";
import { startExporter, type SyntheticExporter } from "../../synthetic/exporter.ts";
import { usageFamilies } from "../../synthetic/vocabularies.ts";
import { healthyWorkload } from "../../synthetic/workload.ts";

/**
 * `npm run verify` against the whole stack on real processes: the pinned Prometheus, Alertmanager,
 * node_exporter and Jaeger from one rendering of the stack, a synthetic LLM service, and Grafana's HTTP API
 * from recorded responses (there is no Grafana binary here).
 */
const PASSWORD = "a-long-enough-password";
const dir = mkdtempSync(join(tmpdir(), "llmobs-verify-"));
const running: RunningProcess[] = [];
let stack: StackDescription;
let grafana: GrafanaApiDouble;
let exporter: SyntheticExporter;
let jaeger: RunningComponent;
let input: VerifyInput;

function failures(checks: Check[]): Check[] {
  return checks.filter((check) => !check.ok && !check.warning);
}

beforeAll(async () => {
  exporter = await startExporter((elapsed) => usageFamilies(healthyWorkload(), elapsed));
  const jaegerPorts: Record<number, number> = {};
  for (const port of Object.values(JAEGER_PORTS)) jaegerPorts[port] = await freePort();
  const ports = { prometheus: await freePort(), alertmanager: await freePort(), nodeExporter: await freePort(), grafana: await freePort() };
  const config = fastConfig({ llmService: { targets: [exporter.address] } });
  stack = describeStack(config, {
    peer: (name, port) =>
      `127.0.0.1:${name === "jaeger" ? jaegerPorts[port] : name === "node-exporter" ? ports.nodeExporter : ports[name as keyof typeof ports]}`,
    loopback: () => `127.0.0.1:${ports.prometheus}`,
  });
  writeRenderedFiles(renderedFiles(stack), join(dir, "rendered"));
  const expectations = stackExpectations(stack, config);
  grafana = await startHealthyGrafana(config, expectations, PASSWORD, ports.grafana);
  running.push(await startAlertmanager({ stack, renderDir: join(dir, "rendered"), dataDir: join(dir, "am"), port: ports.alertmanager }));
  running.push(await startNodeExporter(stack, ports.nodeExporter));
  jaeger = await startJaeger(stack, { renderDir: join(dir, "jaeger"), dataDir: join(dir, "badger"), ports: jaegerPorts, queryGrpcPort: await freePort() });
  running.push(jaeger);
  const prometheus = await startPrometheus({ stack, renderDir: join(dir, "rendered"), port: ports.prometheus });
  running.push(prometheus);
  input = {
    expectations,
    urls: {
      "grafana.http": grafana.url,
      "prometheus.http": prometheus.urlOf(PROMETHEUS_PORT),
      "alertmanager.http": `http://127.0.0.1:${ports.alertmanager}`,
      "jaeger.ui": jaeger.urlOf(JAEGER_PORTS.ui),
      "jaeger.otlp-http": jaeger.urlOf(JAEGER_PORTS.otlpHttp),
    },
    grafana: { user: config.grafana.adminUser, password: PASSWORD },
    unreachableFix: (component) => `start ${component}`,
    waitSeconds: 30,
  };
  expect(componentOf(stack, "alertmanager").ports[0]!.containerPort).toBe(ALERTMANAGER_PORT);
  // Five processes started one after another: on 2 cores shared with the replay harness, over a minute.
}, 120_000);

afterAll(async () => {
  for (const process of running.reverse()) await process.stop();
  await exporter?.close();
  await grafana?.stop();
});

describe("npm run verify against the running stack", () => {
  test("a healthy stack: every check passes, and each says what it saw", async () => {
    const checks = await verifyStack(input);
    expect(failures(checks)).toEqual([]);
    expect(checks.filter((check) => check.warning)).toEqual([]);
    const detail = (name: string) => checks.find((check) => check.name === name)?.detail;
    const scrapeJobs = input.expectations.scrapeJobs.length;
    expect(detail("Prometheus targets")).toBe(`${scrapeJobs} of ${scrapeJobs} up`);
    expect(detail("Prometheus rules")).toMatch(new RegExp(`^${input.expectations.ruleGroups.length} groups loaded, \\d+ rules, no evaluation errors$`));
    expect(detail("Prometheus → Alertmanager")).toContain(`/api/v2/alerts`);
    expect(detail("Alertmanager")).toContain("Alertmanager 0.28.1");
    expect(detail("Alertmanager route")).toMatch(/^alerts go to receiver \S+, which notifies no one/);
    expect(detail("Jaeger")).toMatch(/^a span sent over OTLP HTTP came back from the query API in [\d.]+ s/);
  });

  test("the LLM service stops answering: its target is reported down with the scrape error, as a warning", async () => {
    exporter.fail();
    await waitFor("Prometheus to see the LLM service down", async () => {
      const body = (await (await fetch(`${input.urls["prometheus.http"]}/api/v1/targets?state=active`)).json()) as {
        data: { activeTargets: { labels: { job: string }; health: string }[] };
      };
      return body.data.activeTargets.some((t) => t.labels.job === input.expectations.llmServiceJobs[0] && t.health === "down") ? true : undefined;
    });
    const checks = await verifyStack({ ...input, only: ["prometheus"] });
    const down = checks.find((check) => check.name.startsWith(`Prometheus target ${input.expectations.llmServiceJobs[0]}`))!;
    expect(down).toMatchObject({ ok: false, warning: true, detail: expect.stringContaining("503") });
    expect(down.fix).toContain("npm run demo");
    expect(failures(checks)).toEqual([]);
  });

  test("Jaeger stops: a failure that says what to do", async () => {
    await jaeger.stop();
    const checks = await verifyStack({ ...input, only: ["jaeger"], waitSeconds: 2 });
    expect(checks).toEqual([{ name: "Jaeger OTLP", ok: false, detail: expect.stringContaining("no answer"), fix: "start jaeger" }]);
  });
});
