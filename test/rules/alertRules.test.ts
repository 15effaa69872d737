import { describe, expect, test } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseStackConfig } from "../../config/parse.ts";
import { ruleFileGroups } from "../../rules/ruleFiles.ts";
import { renderRuleFiles } from "../../components/prometheus/renderedRuleFiles.ts";
import { alertTests } from "./cases/index.ts";
import { renderPromtoolTests } from "./cases/promtoolFile.ts";
import { isAlertingRule } from "../../rules/model.ts";
import { requireTool } from "../../cli/tools/installed.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

// Every threshold at its default; rules rendered for, and evaluated at, every minute (the scenarios' sample
// interval) unless a suite says otherwise: the recording rules take their offsets from the interval.
const TEST_EVALUATION_INTERVAL = "1m";
// An LLM service, and seed 003's three services: every alert on an LLM service's job is rendered.
const LLM_SERVICES = ["llm-service", "llm-proxy", "context-service", "health-worker"].map((jobName, i) => ({ jobName, targets: [`service-${i}:8000`] }));
const configAt = (evaluationInterval: string) =>
  parseStackConfig({ values: { prometheus: { scrapeInterval: "15s", evaluationInterval }, llmService: LLM_SERVICES }, secrets: {} }, STACK_FACTS);
const config = configAt(TEST_EVALUATION_INTERVAL);
const suites = alertTests(config);

describe("every alert is proven both ways", () => {
  const alerts = ruleFileGroups(config).flatMap((file) =>
    file.groups.flatMap((group) => group.rules.filter(isAlertingRule).map((rule) => ({ file: file.name, rule }))),
  );

  test.each(alerts.map(({ file, rule }) => [`${rule.alert} (${rule.labels.severity})`, file, rule] as const))(
    "%s has scenarios where it fires, stays silent and resolves",
    (_, file, rule) => {
      const scenarios = suites
        .filter((suite) => suite.ruleFile === file)
        .flatMap((suite) => suite.scenarios)
        .filter((s) => s.alert === rule.alert && s.severities.includes(rule.labels.severity));
      expect([...new Set(scenarios.map((s) => s.kind))].sort()).toEqual(["fires", "resolves", "silent"]);
      for (const scenario of scenarios) {
        const expected = (scenario.alerts ?? []).map((alert) => alert.labels.severity);
        // A firing scenario expects this severity; a silent or resolved one must not.
        expect(expected.includes(rule.labels.severity), `${scenario.kind}: ${scenario.name}`).toBe(scenario.kind === "fires");
      }
    },
  );

  test.each(alerts.map(({ rule }) => [rule.alert, rule] as const))("%s follows the conventions", (name, rule) => {
    expect(name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
    expect(rule.for).toMatch(/^\d+[smhd]$/);
    expect(["critical", "warning", "info"]).toContain(rule.labels.severity);
    expect(rule.annotations.summary.length).toBeGreaterThan(0);
    expect(rule.annotations.description).toContain("{{ $value");
    expect(rule.annotations.runbook_url).toContain(`#${name.toLowerCase()}`);
  });
});

describe("promtool test rules", () => {
  // Concurrent: the budget suite replays a whole day and takes a while; the others need not wait for it.
  test.concurrent.each(suites.map((suite, i) => [`${suite.ruleFile}${suite.evaluationInterval ? ` (every ${suite.evaluationInterval})` : ""}`, suite, i] as const))(
    "%s: every scenario passes",
    async (_, suite, i) => {
    const promtool = requireTool("promtool");
    const suiteConfig = configAt(suite.evaluationInterval ?? TEST_EVALUATION_INTERVAL);
    const dir = mkdtempSync(join(tmpdir(), `llmobs-promtool-${i}-`));
    for (const file of renderRuleFiles(suiteConfig)) writeFileSync(join(dir, file.name), file.content);
    const ruleFile = suite.ruleFile;
    const testFile = join(dir, `${ruleFile}.test.yml`);
    const needed = ruleFileGroups(suiteConfig).filter((file) => file.name === ruleFile || file.name === "llm-recording.yml");
    writeFileSync(testFile, renderPromtoolTests(suite, needed, suiteConfig.prometheus.evaluationInterval));
    let output: string;
    try {
      output = (await promisify(execFile)(promtool, ["test", "rules", testFile], { cwd: dir, encoding: "utf8", maxBuffer: 16 * 2 ** 20 })).stdout;
    } catch (error) {
      const { stdout, stderr } = error as { stdout: string; stderr: string };
      throw new Error(`promtool test rules failed for ${ruleFile}:\n${stdout}\n${stderr}`);
    }
    expect(output).toContain("SUCCESS");
    },
    180_000,
  );
});
