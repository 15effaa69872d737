import { compareConfigFile, type ConfigFileDiff } from "./configKeys.ts";
import { compareDashboards, parseDashboard, type DashboardDiff, type DashboardFileContent } from "./dashboards.ts";
import { compareRules, parseRuleFile, type RuleDiff, type RuleFileContent, type RuleGroupDiff } from "./rules.ts";

/** Every generated file of one revision: path under the render directory -> content. */
export type Artifacts = ReadonlyMap<string, string>;

export interface ArtifactDiff {
  dashboards: DashboardDiff[];
  rules: RuleDiff[];
  ruleGroups: RuleGroupDiff[];
  /** Prometheus, Grafana provisioning, Jaeger and Alertmanager config, and any other generated file. */
  configs: ConfigFileDiff[];
}

const DASHBOARD_FILE = /^grafana\/dashboards\/.+\.json$/;
const RULE_FILE = /^prometheus\/rules\/.+\.ya?ml$/;

interface Sorted {
  dashboards: DashboardFileContent[];
  ruleFiles: RuleFileContent[];
  others: Map<string, string>;
}

/** Dashboards and rule files are compared for what they mean; a file that does not parse as one is compared as config. */
function sort(artifacts: Artifacts): Sorted {
  const sorted: Sorted = { dashboards: [], ruleFiles: [], others: new Map() };
  for (const [file, text] of artifacts) {
    const dashboard = DASHBOARD_FILE.test(file) ? parseDashboard(text) : undefined;
    const groups = RULE_FILE.test(file) ? parseRuleFile(text) : undefined;
    if (dashboard) sorted.dashboards.push({ file, json: dashboard });
    else if (groups) sorted.ruleFiles.push({ file, groups });
    else sorted.others.set(file, text);
  }
  return sorted;
}

export function compareArtifacts(before: Artifacts, after: Artifacts): ArtifactDiff {
  const old = sort(before);
  const current = sort(after);
  const { rules, groups } = compareRules(old.ruleFiles, current.ruleFiles);
  const files = [...new Set([...old.others.keys(), ...current.others.keys()])].sort();
  return {
    dashboards: compareDashboards(old.dashboards, current.dashboards),
    rules,
    ruleGroups: groups,
    configs: files.flatMap((file) => compareConfigFile(file, old.others.get(file), current.others.get(file)) ?? []),
  };
}

export function hasChanges(diff: ArtifactDiff): boolean {
  return diff.dashboards.length + diff.rules.length + diff.ruleGroups.length + diff.configs.length > 0;
}
