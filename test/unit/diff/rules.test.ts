import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../../config/parse.ts";
import { renderRuleFiles } from "../../../components/prometheus/renderedRuleFiles.ts";
import { compareRules, parseRuleFile, type RuleFileContent, type RuleGroupYaml } from "../../../cli/diff/rules.ts";
import { STACK_FACTS } from "../../../components/factsForConfig.ts";

function renderedRules(values: Record<string, unknown> = {}): RuleFileContent[] {
  return renderRuleFiles(parseStackConfig({ values, secrets: {} }, STACK_FACTS)).map((file) => ({
    file: `prometheus/rules/${file.name}`,
    groups: parseRuleFile(file.content)!,
  }));
}

function group(name: string, rules: RuleGroupYaml["rules"], extra: Record<string, unknown> = {}): RuleFileContent {
  return { file: "prometheus/rules/test.yml", groups: [{ name, rules, ...extra }] };
}

const alert = (overrides: Record<string, unknown> = {}) => ({
  alert: "Slow",
  expr: "x > 5",
  for: "5m",
  labels: { severity: "warning" },
  annotations: { summary: "slow" },
  ...overrides,
});

describe("compareRules", () => {
  test("the same rules: nothing", () => {
    expect(compareRules(renderedRules(), renderedRules())).toEqual({ rules: [], groups: [] });
  });

  test("a threshold moved in config: the one alert, its moved number and its annotations", () => {
    const { rules } = compareRules(renderedRules(), renderedRules({ thresholds: { hostMemoryPercent: 85 } }));
    expect(rules.map((rule) => [rule.status, rule.rule.kind, rule.rule.name])).toEqual([["changed", "alert", "HostMemoryHigh"]]);
    expect(rules[0]!.expr?.numbers).toEqual([{ before: "> 90", after: "> 85" }]);
    expect(rules[0]!.annotations.map((change) => change.path)).toEqual(["summary", "description"]);
    expect(rules[0]!.for).toBeUndefined();
    expect(rules[0]!.severity).toBeUndefined();
  });

  test("a changed `for` on every alert that waits for it", () => {
    const { rules } = compareRules(renderedRules(), renderedRules({ thresholds: { targetDownFor: "10m" } }));
    const forChanges = rules.filter((rule) => rule.for).map((rule) => [rule.rule.name, rule.for]);
    expect(forChanges).toEqual([
      ["LLMServiceDown", { before: "5m", after: "10m" }],
      ["TargetDown", { before: "5m", after: "10m" }],
    ]);
  });

  test("severity, other labels and other fields", () => {
    const { rules } = compareRules(
      [group("g", [alert()])],
      [group("g", [alert({ labels: { severity: "critical", team: "ml" }, keep_firing_for: "1m" })])],
    );
    expect(rules).toEqual([
      {
        status: "changed",
        rule: { kind: "alert", name: "Slow", group: "g", file: "prometheus/rules/test.yml", severity: "critical" },
        severity: { before: "warning", after: "critical" },
        labels: [{ path: "team", kind: "added", after: "ml" }],
        annotations: [],
        other: [{ path: "keep_firing_for", kind: "added", after: "1m" }],
      },
    ]);
  });

  test("a warning and a critical alert of one name are two rules, told apart by severity", () => {
    const pair = (criticalAbove: number) => [alert(), alert({ expr: `x > ${criticalAbove}`, labels: { severity: "critical" } })];
    const { rules } = compareRules([group("g", pair(10))], [group("g", pair(20))]);
    expect(rules.map((rule) => [rule.rule.name, rule.rule.severity, rule.expr?.numbers])).toEqual([["Slow", "critical", [{ before: "> 10", after: "> 20" }]]]);
  });

  test("added and removed rules, with what they are", () => {
    const { rules } = compareRules([group("g", [alert(), { record: "a:b:rate5m", expr: "rate(b[5m])" }])], [group("g", [alert({ alert: "Fast", expr: "x < 1" })])]);
    expect(rules.map((rule) => [rule.status, rule.rule.name, rule.expr, rule.severity, rule.for])).toEqual([
      ["removed", "Slow", { before: "x > 5" }, { before: "warning" }, { before: "5m" }],
      ["removed", "a:b:rate5m", { before: "rate(b[5m])" }, undefined, undefined],
      ["added", "Fast", { after: "x < 1" }, { after: "warning" }, { after: "5m" }],
    ]);
  });

  test("one series recorded by several groups: each is its own rule", () => {
    const record = (expr: string) => ({ record: "job:llm_requests:rate5m", expr });
    const before: RuleFileContent = { file: "r.yml", groups: [{ name: "usage", rules: [record("a")] }, { name: "genai", rules: [record("b")] }] };
    const after: RuleFileContent = { file: "r.yml", groups: [{ name: "usage", rules: [record("a")] }, { name: "genai", rules: [record("c")] }] };
    const { rules } = compareRules([before], [after]);
    expect(rules.map((rule) => [rule.rule.group, rule.expr])).toEqual([["genai", { before: "b", after: "c" }]]);
  });

  test("a group moved to another file is no change; a group's interval is", () => {
    const moved = { ...group("g", [alert()], { interval: "1m" }), file: "prometheus/rules/other.yml" };
    expect(compareRules([group("g", [alert()], { interval: "30s" })], [moved])).toEqual({
      rules: [],
      groups: [{ group: "g", file: "prometheus/rules/other.yml", settings: [{ path: "interval", kind: "changed", before: "30s", after: "1m" }] }],
    });
  });
});

test("parseRuleFile reads groups, and refuses what is not a rule file", () => {
  expect(parseRuleFile("groups:\n  - name: g\n    rules: []\n")).toEqual([{ name: "g", rules: [] }]);
  expect(parseRuleFile("global: {}\n")).toBeUndefined();
  expect(parseRuleFile("groups: [\n")).toBeUndefined();
});
