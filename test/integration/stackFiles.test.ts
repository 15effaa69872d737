import { beforeAll, describe, expect, test } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readStackFileWithUnsetSecrets } from "../../config/fromStackFile.ts";
import { describeStack } from "../../components/stack.ts";
import { renderedFiles } from "../../components/renderedFiles.ts";
import { writeRenderedFiles } from "../../cli/render/writeFiles.ts";
import { requireTool, type ToolName } from "../../cli/tools/installed.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

/**
 * Every file `npm run render` writes for the project's own stacks, checked by the pinned tools' own checkers
 * (cluster-ha's rendered before its secrets are set, as a fresh clone renders it).
 */
const readStackFile = (stack: string, facts: typeof STACK_FACTS) => readStackFileWithUnsetSecrets(stack, facts).config;

function check(tool: ToolName, args: string[]): string {
  try {
    return execFileSync(requireTool(tool), args, { encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    throw new Error(`${tool} ${args.join(" ")} failed:\n${stdout}\n${stderr}`);
  }
}

describe.each(["local", "cluster", "llm-proxy", "cluster-ha"])("the %s stack's rendered files", (stack) => {
  const dir = mkdtempSync(join(tmpdir(), `llmobs-${stack}-render-`));
  beforeAll(() => {
    writeRenderedFiles(renderedFiles(describeStack(readStackFile(stack, STACK_FACTS))), dir);
  });

  test("prometheus.yml and the rules it loads pass promtool check config", () => {
    expect(check("promtool", ["check", "config", join(dir, "prometheus/prometheus.yml")])).toContain("SUCCESS");
  });

  test("every rule file passes promtool check rules", () => {
    const rules = readdirSync(join(dir, "prometheus/rules")).map((file) => join(dir, "prometheus/rules", file));
    expect(rules.length).toBeGreaterThan(0);
    expect(check("promtool", ["check", "rules", ...rules])).not.toContain("FAILED");
  });

  test("every LLM service of the stack file is a scrape job; seed 003's has its three, and their down alerts", () => {
    const config = readStackFile(stack, STACK_FACTS);
    const prometheusYml = readFileSync(join(dir, "prometheus/prometheus.yml"), "utf8");
    for (const job of config.llmService) expect(prometheusYml).toContain(`job_name: ${job.jobName}`);
    if (stack !== "llm-proxy") return;
    expect(config.llmService.map((job) => job.jobName)).toEqual(["llm-proxy", "context-service", "health-worker"]);
    const rules = readdirSync(join(dir, "prometheus/rules")).map((file) => readFileSync(join(dir, "prometheus/rules", file), "utf8")).join("\n");
    for (const alert of ["LLMProxyDown", "ContextServiceDown", "ProviderUnhealthy"]) expect(rules).toContain(`alert: ${alert}`);
  });

  test("alertmanager.yml passes amtool check-config", () => {
    expect(check("amtool", ["check-config", join(dir, "alertmanager/alertmanager.yml")])).toContain("SUCCESS");
  });

  test("jaeger/config.yaml passes jaeger validate", () => {
    check("jaeger", ["validate", `--config=${join(dir, "jaeger/config.yaml")}`]);
  });

  test("cluster-ha: the HA pair's replica label, remote write to the long-term store, each Alertmanager, Jaeger on OpenSearch", () => {
    if (stack !== "cluster-ha") return;
    const prometheusYml = readFileSync(join(dir, "prometheus/prometheus.yml"), "utf8");
    expect(prometheusYml).toContain("prometheus_replica: ${POD_NAME}");
    expect(prometheusYml).toContain("cluster: llmobs-ha");
    expect(prometheusYml).toContain("url: https://mimir.example.com/api/v1/push");
    for (const n of [0, 1, 2]) expect(prometheusYml).toContain(`alertmanager-${n}.alertmanager-headless.llmobs-ha.svc:9093`);
    expect(readFileSync(join(dir, "jaeger/config.yaml"), "utf8")).toContain("opensearch_store");
    expect(readFileSync(join(dir, "grafana/provisioning/datasources/llmobs.yml"), "utf8")).toContain("url: https://mimir.example.com/prometheus");
  });
});
