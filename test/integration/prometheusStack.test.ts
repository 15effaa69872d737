import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
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
import { STACK_FACTS } from "../../components/factsForConfig.ts";

/**
 * The rendered Prometheus config and rules, checked by promtool and run by a real Prometheus with a real
 * node-exporter, every peer address pointed at loopback.
 */
const dir = mkdtempSync(join(tmpdir(), "llmobs-prom-"));
const running: RunningProcess[] = [];
let prometheusUrl: string;

beforeAll(async () => {
  const [prometheusPort, nodeExporterPort, nobodyPort] = [await freePort(), await freePort(), await freePort()];
  const config = parseStackConfig({
    values: {
      prometheus: { scrapeInterval: "1s", evaluationInterval: "1s" },
      llmService: { targets: [`127.0.0.1:${nobodyPort}`] },
    },
    secrets: {},
  }, STACK_FACTS);
  const loopback: Record<string, number> = { prometheus: prometheusPort, "node-exporter": nodeExporterPort };
  const stack = describeStack(config, {
    peer: (name) => `127.0.0.1:${loopback[name] ?? nobodyPort}`,
    loopback: () => `127.0.0.1:${prometheusPort}`,
  });
  writeRenderedFiles(renderedFiles(stack), dir);

  running.push(await startNodeExporter(stack, nodeExporterPort));
  const prometheus = await startPrometheus({ stack, renderDir: dir, port: prometheusPort });
  running.push(prometheus);
  prometheusUrl = prometheus.url;
});

afterAll(async () => {
  await Promise.all(running.map((process) => process.stop()));
});

describe("the rendered Prometheus files", () => {
  test("pass promtool check config", () => {
    const promtool = requireTool("promtool");
    const output = execFileSync(promtool, ["check", "config", join(dir, "prometheus/prometheus.yml")], { encoding: "utf8" });
    expect(output).toContain("is valid prometheus config file syntax");
  });

  test("pass promtool check rules", () => {
    const promtool = requireTool("promtool");
    const ruleFiles = readdirSync(join(dir, "prometheus/rules")).map((file) => join(dir, "prometheus/rules", file));
    expect(ruleFiles.length).toBeGreaterThan(0);
    const output = execFileSync(promtool, ["check", "rules", ...ruleFiles], { encoding: "utf8" });
    expect(output).not.toContain("FAILED");
    expect(output).toContain("SUCCESS");
  });
});

describe("a real Prometheus started from them", () => {
  test("scrapes the real node-exporter: up == 1", async () => {
    const samples = await waitFor(
      "node-exporter to be scraped",
      async () => {
        const result = await instantQuery(prometheusUrl, 'up{job="node-exporter"} == 1');
        return result.length > 0 ? result : undefined;
      },
      { context: () => running.map((p) => p.output()).join("\n") },
    );
    expect(samples[0]!.metric.instance).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  test("scrapes itself, and reports the LLM service down when nothing listens there", async () => {
    await waitFor("self-scrape", async () => ((await instantQuery(prometheusUrl, 'up{job="prometheus"} == 1')).length ? true : undefined));
    const llm = await waitFor("the LLM service scrape to fail", async () => {
      const result = await instantQuery(prometheusUrl, 'up{job="llm-service"}');
      return result.length ? result : undefined;
    });
    expect(llm[0]!.value[1]).toBe("0");
  });

  test("loads the project's rule files", async () => {
    const response = await fetch(`${prometheusUrl}/api/v1/rules`);
    const body = (await response.json()) as { data: { groups: { name: string; rules: { name: string }[] }[] } };
    const names = body.data.groups.flatMap((group) => group.rules.map((rule) => rule.name));
    expect(names).toEqual(expect.arrayContaining(["LLMServiceDown", "TargetDown", "HostMemoryHigh"]));
  });
});
