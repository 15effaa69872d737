import type { RecordingRule, RuleGroup } from "../../rules/model.ts";
import { isAlertingRule } from "../../rules/model.ts";

/**
 * The stack's recording rules in the order `promtool tsdb create-blocks-from rules` can backfill them: it
 * evaluates every rule against the data already stored, so a rule reading another rule's series must wait
 * until that one's blocks are loaded. Layer 0 reads raw series only; layer n reads series of layers below.
 * Each layer keeps the groups (name, interval) its rules came from.
 */
export function recordingLayers(groups: readonly RuleGroup[]): RuleGroup[][] {
  const rules = groups.flatMap((group) => group.rules.filter((rule) => !isAlertingRule(rule)).map((rule) => ({ group, rule: rule as RecordingRule })));
  const layerOf = new Map<string, number>();
  const depth = (rule: RecordingRule): number =>
    Math.max(-1, ...[...layerOf].filter(([record]) => readsSeries(rule.expr, record)).map(([, layer]) => layer)) + 1;
  const layered: { group: RuleGroup; rule: RecordingRule; layer: number }[] = [];
  for (const { group, rule } of rules) {
    const layer = depth(rule);
    layered.push({ group, rule, layer });
    layerOf.set(rule.record, Math.max(layer, layerOf.get(rule.record) ?? 0));
  }
  const layers: RuleGroup[][] = [];
  for (const { group, rule, layer } of layered) {
    const groupsOfLayer = (layers[layer] ??= []);
    let target = groupsOfLayer.find((candidate) => candidate.name === group.name);
    if (!target) {
      target = { name: group.name, ...(group.interval ? { interval: group.interval } : {}), rules: [] };
      groupsOfLayer.push(target);
    }
    target.rules.push(rule);
  }
  return layers;
}

/** Whether `expr` names the series `record` (not merely a longer name containing it). */
function readsSeries(expr: string, record: string): boolean {
  const escaped = record.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^a-zA-Z0-9_:])${escaped}($|[^a-zA-Z0-9_:])`).test(expr);
}
