import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../../config/parse.ts";
import { describeStack } from "../../../components/stack.ts";
import { renderedFiles } from "../../../components/renderedFiles.ts";
import { compareArtifacts, hasChanges, type Artifacts } from "../../../cli/diff/compare.ts";
import { code, formatSummary, formatThresholds } from "../../../cli/diff/markdown.ts";
import { namedInSummary } from "../../support/cli/diffSummary.ts";
import { STACK_FACTS } from "../../../components/factsForConfig.ts";

function artifacts(values: Record<string, unknown> = {}): Map<string, string> {
  return new Map(renderedFiles(describeStack(parseStackConfig({ values, secrets: {} }, STACK_FACTS))).map((file) => [file.path, file.content]));
}

const heading = { stack: "local", comparison: "Base `abc1234` (main) → the working tree.", notes: [] };

function summary(before: Artifacts, after: Artifacts): string {
  return formatSummary(compareArtifacts(before, after), heading);
}

describe("the Markdown summary", () => {
  test("no change: says so, names nothing", () => {
    const text = summary(artifacts(), artifacts());
    expect(text).toContain("No generated artifact changes");
    expect(namedInSummary(text)).toEqual([]);
    expect(hasChanges(compareArtifacts(artifacts(), artifacts()))).toBe(false);
  });

  test("a moved threshold: the alert with its old and new number and expression, the panels with their thresholds", () => {
    const diff = compareArtifacts(artifacts(), artifacts({ thresholds: { hostMemoryPercent: 85 } }));
    expect(hasChanges(diff)).toBe(true);
    const text = formatSummary(diff, heading);
    // The Host dashboard and the LLM Proxy dashboard's host row both draw it.
    expect(namedInSummary(text)).toEqual(["LLM Proxy", "Host Memory", "Host", "Memory Usage", "HostMemoryHigh"]);
    expect(text).toContain("threshold: `> 90` → `> 85`");
    expect(text).toMatch(/```diff\n\s*- \(1 - node_memory_MemAvailable_bytes \/ node_memory_MemTotal_bytes\) \* 100 > 90\n\s*\+ .* > 85\n\s*```/);
    expect(text).toContain("thresholds: `green, yellow from 0.9, red from 1` → `green, yellow from 0.85, red from 1`");
    expect(text).toContain("#### Dashboards");
    expect(text).toContain("#### Alerting and recording rules");
    expect(text).not.toContain("#### Configuration");
  });

  test("config keys, by component and file", () => {
    const text = summary(artifacts(), artifacts({ llmService: { metricsPath: "/stats" } }));
    expect(text).toContain("Changed: 1 config file.");
    expect(namedInSummary(text)).toEqual(["`prometheus/prometheus.yml`"]);
    expect(text).toContain("- Prometheus **`prometheus/prometheus.yml`**:\n  - `scrape_configs[job_name=llm-service].metrics_path`: `/metrics` → `/stats`");
  });

  test("an added file and everything in it is new when the base had nothing", () => {
    const text = formatSummary(compareArtifacts(new Map(), artifacts()), { ...heading, notes: ["The base has no cli/render.ts."] });
    expect(text).toContain("> The base has no cli/render.ts.");
    expect(text).toMatch(/^Changed: 4 dashboards \(\d+ panels\), \d+ alerting rules?, \d+ recording rules, \d+ config files\.$/m);
    expect(text).toContain("Dashboard **Host** added");
    expect(text).toContain("Alert **HostMemoryHigh** added (group `llmobs-stack-health` in `prometheus/rules/stack-health.yml`, severity `warning`, for `5m`):");
    expect(text).toContain("Jaeger **`jaeger/config.yaml`** added");
  });

  test("code blocks inside list items are indented to their item, so GitHub renders them there", () => {
    const after = artifacts();
    const host = JSON.parse(after.get("grafana/dashboards/host.json")!) as { panels: { title: string; targets: { expr: string }[] }[] };
    host.panels.find((panel) => panel.title === "CPU Usage")!.targets[0]!.expr = "vector(1)";
    after.set("grafana/dashboards/host.json", JSON.stringify(host));
    const text = summary(artifacts(), after);
    expect(text).toContain("    - query `A` changed:\n      ```diff\n      - 1 - avg by (instance)");
    expect(text).toContain("\n      + vector(1)\n      ```");
  });
});

test("code keeps backticks and newlines from breaking the Markdown", () => {
  expect(code("a`b")).toBe("`` a`b ``");
  expect(code("one\ntwo")).toBe("`one ⏎ two`");
  expect(code("x".repeat(400)).length).toBeLessThan(200);
});

test("formatThresholds reads like Grafana's threshold editor", () => {
  expect(formatThresholds({ mode: "absolute", steps: [{ value: null, color: "green" }, { value: 0.8, color: "red" }] })).toBe("green, red from 0.8");
  expect(formatThresholds({ mode: "percentage", steps: [{ value: null, color: "green" }, { value: 80, color: "red" }] })).toBe("green, red from 80%");
  expect(formatThresholds(undefined)).toBe("none");
});
