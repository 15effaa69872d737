import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeStack } from "../../components/stack.ts";
import { renderedFiles } from "../../components/renderedFiles.ts";
import { writeRenderedFiles } from "../../cli/render/writeFiles.ts";
import { freePort, waitFor, type RunningProcess } from "../../cli/local/processes.ts";
import { startNodeExporter, startPrometheus } from "../../cli/local/prometheus.ts";
import { instantQuery } from "../../cli/local/prometheusApi.ts";
import { fastConfig, renderedDashboard } from "../support/grafana/dashboards.ts";
import { hasData, panelQueries, runPanelQuery, variableValues, type Interpolation } from "../../cli/local/grafanaQueries.ts";
import { stackHealthRules } from "../../rules/stackHealth.ts";
import { isAlertingRule } from "../../rules/model.ts";

/** The Host dashboard against a real Prometheus scraping a real node-exporter. */
const config = fastConfig();
const dashboard = renderedDashboard(config, "host.json");
const queries = panelQueries(dashboard);
const how: Interpolation = { range: "1m", rangeSeconds: 60, rateInterval: "10s" };
const running: RunningProcess[] = [];
let url: string;

beforeAll(async () => {
  const [prometheusPort, exporterPort, unused] = [await freePort(), await freePort(), await freePort()];
  const ports: Record<string, number> = { prometheus: prometheusPort, "node-exporter": exporterPort };
  const dir = mkdtempSync(join(tmpdir(), "llmobs-host-"));
  const stack = describeStack(config, { peer: (name) => `127.0.0.1:${ports[name] ?? unused}`, loopback: () => `127.0.0.1:${prometheusPort}` });
  writeRenderedFiles(renderedFiles(stack), dir);
  running.push(await startNodeExporter(stack, exporterPort));
  const prometheus = await startPrometheus({ stack, renderDir: dir, port: prometheusPort });
  running.push(prometheus);
  url = prometheus.url;
  // Rates need a few scrapes.
  await waitFor("several node-exporter scrapes", async () => {
    const result = await instantQuery(url, 'count_over_time(up{job="node-exporter"}[1m]) >= 4');
    return result.length > 0 ? true : undefined;
  });
});

afterAll(async () => Promise.all(running.map((process) => process.stop())));

describe("Host dashboard on a live node-exporter", () => {
  test.each(queries.map((q) => [`${q.panel} ${q.refId}`, q] as const))("%s returns data", async (_, query) => {
    const result = await runPanelQuery(url, query, how);
    expect(hasData(result.samples), result.expr).toBe(true);
  });

  test("the instance variable finds the exporter", async () => {
    const variable = dashboard.templating!.list.find((v) => v.name === "instance")!;
    expect(await variableValues(url, variable, how)).toEqual([expect.stringMatching(/^127\.0\.0\.1:\d+$/)]);
  });
});

describe("the host alerts on a live node-exporter", () => {
  // Thresholds so low that any host passes them: what is left to prove is that each expression selects the
  // exporter's series (labels that match across node_filesystem_*, a real file system not left out).
  const low = fastConfig({ thresholds: { hostMemoryPercent: 0.0001, hostFilesystemPercent: 0.0001, hostFileDescriptorPercent: 0.0001 } });
  const hostAlerts = stackHealthRules(low).rules.filter(isAlertingRule).filter((rule) => rule.alert.startsWith("Host"));

  test("there are the three", () => {
    expect(hostAlerts.map((rule) => rule.alert)).toEqual(["HostMemoryHigh", "HostFilesystemAlmostFull", "HostFileDescriptorsHigh"]);
  });

  test.each(hostAlerts.map((rule) => [rule.alert, rule.expr] as const))("%s's expression finds the host", async (_, expr) => {
    expect(await instantQuery(url, expr), expr).not.toEqual([]);
  });
});
