import type { ArtifactDiff } from "./compare.ts";
import type { ConfigFileDiff } from "./configKeys.ts";
import type { DashboardDiff, PanelDiff, ThresholdsJson } from "./dashboards.ts";
import type { RuleDiff, RuleGroupDiff } from "./rules.ts";
import type { ValueChange } from "./structural.ts";
import { componentTitle, isComponentName } from "../../config/components.ts";

export interface SummaryHeading {
  stack: string;
  /** What is compared with what, e.g. "`1a2b3c4` (merge base of HEAD and `main`) → the working tree". */
  comparison: string;
  /** Said once under the heading, e.g. that the base has no render script. */
  notes: string[];
}

/*
 * The summary names every dashboard, panel, rule and config file it reports in bold, and uses bold for
 * nothing else, so a reader (or a test) can list what a change touches by its bold names.
 */

const MAX_INLINE = 160;

/** Inline code that survives backticks and newlines in the value. */
export function code(text: string): string {
  const oneLine = text.replace(/\s*\n\s*/g, " ⏎ ");
  const shown = oneLine.length > MAX_INLINE ? `${oneLine.slice(0, MAX_INLINE - 1)}…` : oneLine;
  const longestRun = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  return longestRun > 0 || shown.startsWith(" ") ? `${fence} ${shown} ${fence}` : `${fence}${shown}${fence}`;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return "(none)";
  return code(typeof value === "string" ? value : JSON.stringify(value));
}

function fenced(language: string, lines: string[], indent: number): string[] {
  const longestRun = Math.max(2, ...lines.flatMap((line) => line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = " ".repeat(indent);
  return [`${pad}${fence}${language}`, ...lines.map((line) => `${pad}${line}`), `${pad}${fence}`];
}

/** Old and new PromQL together; GitHub colors the removed line red and the added one green. */
function exprDiff(before: string, after: string, indent: number): string[] {
  const prefixed = (sign: string, text: string) => text.split("\n").map((line) => `${sign} ${line}`);
  return fenced("diff", [...prefixed("-", before), ...prefixed("+", after)], indent);
}

function promql(expr: string, indent: number): string[] {
  return fenced("promql", expr.split("\n"), indent);
}

function valueChange(change: ValueChange, what = ""): string {
  const path = `${what}${code(change.path)}`;
  if (change.kind === "added") return `${path} added: ${formatValue(change.after)}`;
  if (change.kind === "removed") return `${path} removed (was ${formatValue(change.before)})`;
  return `${path}: ${formatValue(change.before)} → ${formatValue(change.after)}`;
}

export function formatThresholds(thresholds: ThresholdsJson | undefined): string {
  if (!thresholds?.steps?.length) return "none";
  const suffix = thresholds.mode === "percentage" ? "%" : "";
  return thresholds.steps
    .map((step) => (step.value === null || step.value === undefined ? step.color : `${step.color} from ${step.value}${suffix}`))
    .join(", ");
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

function panelLines(panel: PanelDiff): string[] {
  if (panel.status === "removed") return [`  - Panel **${panel.title}** removed`];
  if (panel.status === "added") {
    const details = [panel.type?.after, panel.unit?.after ? `unit ${code(panel.unit.after)}` : undefined].filter(Boolean).join(", ");
    const queries = panel.addedQueries ?? [];
    const lines = [`  - Panel **${panel.title}** added${details ? ` (${details})` : ""}${queries.length > 0 ? ":" : ""}`];
    for (const query of queries) lines.push(`    - query ${code(query.refId)}:`, ...promql(query.expr, 6));
    return lines;
  }
  const lines: string[] = [];
  for (const query of panel.queries) {
    if (query.before !== undefined && query.after !== undefined) lines.push(`    - query ${code(query.refId)} changed:`, ...exprDiff(query.before, query.after, 6));
    else if (query.after !== undefined) lines.push(`    - query ${code(query.refId)} added:`, ...promql(query.after, 6));
    else lines.push(`    - query ${code(query.refId)} removed (was ${code(query.before ?? "")})`);
  }
  if (panel.type) lines.push(`    - type: ${formatValue(panel.type.before)} → ${formatValue(panel.type.after)}`);
  if (panel.unit) lines.push(`    - unit: ${formatValue(panel.unit.before)} → ${formatValue(panel.unit.after)}`);
  if (panel.thresholds) {
    lines.push(`    - thresholds: ${code(formatThresholds(panel.thresholds.before))} → ${code(formatThresholds(panel.thresholds.after))}`);
  }
  for (const change of panel.settings) lines.push(`    - ${valueChange(change)}`);
  const renamed = panel.renamedFrom ? ` (renamed from “${panel.renamedFrom}”)` : "";
  return [`  - Panel **${panel.title}**${renamed}${lines.length > 0 ? ":" : ""}`, ...lines];
}

function dashboardLines(dashboard: DashboardDiff): string[] {
  const where = `(${code(dashboard.uid)}, ${code(dashboard.file)})`;
  if (dashboard.status === "removed") return [`- Dashboard **${dashboard.title}** removed ${where}`];
  if (dashboard.status === "added") {
    const titles = dashboard.panels.map((panel) => panel.title);
    return [`- Dashboard **${dashboard.title}** added ${where}, ${plural(titles.length, "panel")}${titles.length ? `: ${titles.join(", ")}` : ""}`];
  }
  const lines = [`- Dashboard **${dashboard.title}** ${where}${dashboard.renamedFrom ? `, renamed from “${dashboard.renamedFrom}”` : ""}:`];
  for (const panel of dashboard.panels) lines.push(...panelLines(panel));
  if (dashboard.layoutChanged) lines.push("  - layout: panels moved, resized or reordered");
  for (const change of dashboard.settings) lines.push(`  - dashboard setting ${valueChange(change)}`);
  return lines;
}

function ruleTitle(rule: RuleDiff): string {
  const kind = rule.rule.kind === "alert" ? "Alert" : "Recording rule";
  return `${kind} **${rule.rule.name}**`;
}

function ruleLines(rule: RuleDiff): string[] {
  const severity = rule.rule.severity !== undefined ? `, severity ${code(rule.rule.severity)}` : "";
  const where = `group ${code(rule.rule.group)} in ${code(rule.rule.file)}${severity}`;
  if (rule.status === "removed") return [`- ${ruleTitle(rule)} removed (${where})`];
  if (rule.status === "added") {
    const waits = rule.for?.after ? `, for ${code(rule.for.after)}` : "";
    return [`- ${ruleTitle(rule)} added (${where}${waits}):`, ...promql(rule.expr?.after ?? "", 2)];
  }
  const lines = [`- ${ruleTitle(rule)} (${where}):`];
  if (rule.expr) {
    for (const number of rule.expr.numbers ?? []) {
      const what = /^[<>=!]/.test(number.before) ? "threshold" : "number in expr";
      lines.push(`  - ${what}: ${code(number.before)} → ${code(number.after)}`);
    }
    lines.push("  - expr:", ...exprDiff(rule.expr.before ?? "", rule.expr.after ?? "", 4));
  }
  if (rule.for) lines.push(`  - for: ${formatValue(rule.for.before)} → ${formatValue(rule.for.after)}`);
  if (rule.severity) lines.push(`  - severity: ${formatValue(rule.severity.before)} → ${formatValue(rule.severity.after)}`);
  for (const change of rule.labels) lines.push(`  - label ${valueChange(change)}`);
  for (const change of rule.annotations) lines.push(`  - annotation ${valueChange(change)}`);
  for (const change of rule.other) lines.push(`  - ${valueChange(change)}`);
  return lines;
}

function groupLines(group: RuleGroupDiff): string[] {
  return [`- Group **${group.group}** (${code(group.file)}):`, ...group.settings.map((change) => `  - ${valueChange(change)}`)];
}

function configLines(config: ConfigFileDiff): string[] {
  const folder = config.file.split("/")[0] ?? "";
  const component = isComponentName(folder) ? componentTitle(folder) : "generated file";
  const name = `${component} **${code(config.file)}**`;
  if (config.status === "added") return [`- ${name} added`];
  if (config.status === "removed") return [`- ${name} removed`];
  if (config.textOnly) return [`- ${name}: content changed`];
  return [`- ${name}:`, ...config.changes.map((change) => `  - ${valueChange(change)}`)];
}

function headline(diff: ArtifactDiff): string {
  const parts: string[] = [];
  if (diff.dashboards.length > 0) {
    const panels = diff.dashboards.reduce((count, dashboard) => count + dashboard.panels.length, 0);
    parts.push(`${plural(diff.dashboards.length, "dashboard")}${panels > 0 ? ` (${plural(panels, "panel")})` : ""}`);
  }
  const alerts = diff.rules.filter((rule) => rule.rule.kind === "alert").length;
  const records = diff.rules.length - alerts;
  if (alerts > 0) parts.push(plural(alerts, "alerting rule"));
  if (records > 0) parts.push(plural(records, "recording rule"));
  if (diff.ruleGroups.length > 0) parts.push(plural(diff.ruleGroups.length, "rule group"));
  if (diff.configs.length > 0) parts.push(plural(diff.configs.length, "config file"));
  return parts.length === 0 ? "No generated artifact changes: dashboards, rules and config render the same." : `Changed: ${parts.join(", ")}.`;
}

/** The review summary of one stack's generated artifacts, as GitHub-flavored Markdown. */
export function formatSummary(diff: ArtifactDiff, heading: SummaryHeading): string {
  const lines = [`### Generated artifacts, stack ${code(heading.stack)}`, "", heading.comparison, ""];
  for (const note of heading.notes) lines.push(`> ${note}`, "");
  lines.push(headline(diff));
  const section = (title: string, body: string[]) => {
    if (body.length > 0) lines.push("", `#### ${title}`, "", ...body);
  };
  section("Dashboards", diff.dashboards.flatMap(dashboardLines));
  section("Alerting and recording rules", [...diff.rules.flatMap(ruleLines), ...diff.ruleGroups.flatMap(groupLines)]);
  section("Configuration", diff.configs.flatMap(configLines));
  return `${lines.join("\n")}\n`;
}
