import { load } from "js-yaml";
import { numbersOnlyChanges, type NumberChange } from "./numbers.ts";
import { isPlainObject, structuralChanges, without, type ValueChange } from "./structural.ts";

/** One rule as Prometheus reads it from a rule file. */
export interface RuleYaml {
  record?: string;
  alert?: string;
  expr?: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

export interface RuleGroupYaml {
  name: string;
  rules?: RuleYaml[];
  [key: string]: unknown;
}

export interface RuleFileContent {
  file: string;
  groups: RuleGroupYaml[];
}

export interface RuleRef {
  kind: "alert" | "record";
  name: string;
  group: string;
  file: string;
  /** The rule's severity label (the new one when it changed): tells a warning from a critical alert of the same name. */
  severity?: string;
}

export interface RuleDiff {
  status: "added" | "removed" | "changed";
  rule: RuleRef;
  expr?: { before?: string; after?: string; numbers?: NumberChange[] };
  for?: { before?: string; after?: string };
  severity?: { before?: string; after?: string };
  /** Labels other than severity. */
  labels: ValueChange[];
  annotations: ValueChange[];
  /** Anything else on the rule (keep_firing_for, ...). */
  other: ValueChange[];
}

export interface RuleGroupDiff {
  group: string;
  file: string;
  /** The group's own settings (interval, limit), not its rules. */
  settings: ValueChange[];
}

interface LocatedRule {
  ref: RuleRef;
  rule: RuleYaml;
}

/**
 * A rule's identity: its group, kind and name, and which of that group's rules of the same name it is
 * (several recording rules may write one series, a warning and a critical alert may share a name).
 * Groups are matched by name, not file: moving a group to another file changes nothing Prometheus does.
 */
function locate(files: RuleFileContent[]): Map<string, LocatedRule> {
  const rules = new Map<string, LocatedRule>();
  for (const file of files) {
    for (const group of file.groups) {
      const seen = new Map<string, number>();
      for (const rule of group.rules ?? []) {
        const kind = rule.alert !== undefined ? "alert" : "record";
        const name = String(rule.alert ?? rule.record ?? "(unnamed)");
        const occurrence = (seen.get(`${kind}:${name}`) ?? 0) + 1;
        seen.set(`${kind}:${name}`, occurrence);
        const ref: RuleRef = { kind, name, group: group.name, file: file.file };
        if (rule.labels?.severity !== undefined) ref.severity = rule.labels.severity;
        rules.set(JSON.stringify([group.name, kind, name, occurrence]), { ref, rule });
      }
    }
  }
  return rules;
}

const REPORTED_RULE_FIELDS = ["record", "alert", "expr", "for", "labels", "annotations"] as const;

function differs<T>(before: T | undefined, after: T | undefined): { before?: T; after?: T } | undefined {
  return before === after ? undefined : { before, after };
}

export function compareRule(before: RuleYaml, after: RuleYaml, ref: RuleRef): RuleDiff | undefined {
  const { severity: oldSeverity, ...oldLabels } = before.labels ?? {};
  const { severity: newSeverity, ...newLabels } = after.labels ?? {};
  const diff: RuleDiff = {
    status: "changed",
    rule: ref,
    labels: structuralChanges(oldLabels, newLabels),
    annotations: structuralChanges(before.annotations ?? {}, after.annotations ?? {}),
    other: structuralChanges(without(before, REPORTED_RULE_FIELDS), without(after, REPORTED_RULE_FIELDS)),
  };
  if (before.expr !== after.expr) {
    diff.expr = { before: before.expr, after: after.expr };
    const numbers = before.expr !== undefined && after.expr !== undefined ? numbersOnlyChanges(before.expr, after.expr) : undefined;
    if (numbers) diff.expr.numbers = numbers;
  }
  const forChange = differs(before.for, after.for);
  if (forChange) diff.for = forChange;
  const severity = differs(oldSeverity, newSeverity);
  if (severity) diff.severity = severity;
  const anything = diff.expr || diff.for || diff.severity || diff.labels.length + diff.annotations.length + diff.other.length > 0;
  return anything ? diff : undefined;
}

/** Compares every recording and alerting rule of the rule files on both sides. */
export function compareRules(before: RuleFileContent[], after: RuleFileContent[]): { rules: RuleDiff[]; groups: RuleGroupDiff[] } {
  const old = locate(before);
  const current = locate(after);
  const rules: RuleDiff[] = [];
  for (const [key, { ref, rule }] of old) {
    if (!current.has(key)) rules.push(snapshot("removed", ref, rule));
  }
  for (const [key, { ref, rule }] of current) {
    const previous = old.get(key);
    if (!previous) {
      rules.push(snapshot("added", ref, rule));
      continue;
    }
    const diff = compareRule(previous.rule, rule, ref);
    if (diff) rules.push(diff);
  }
  return { rules, groups: compareGroupSettings(before, after) };
}

/** An added or removed rule, described by what it is. */
function snapshot(status: "added" | "removed", ref: RuleRef, rule: RuleYaml): RuleDiff {
  const side = status === "added" ? "after" : "before";
  const diff: RuleDiff = { status, rule: ref, labels: [], annotations: [], other: [] };
  if (rule.expr !== undefined) diff.expr = { [side]: rule.expr };
  if (rule.for !== undefined) diff.for = { [side]: rule.for };
  if (rule.labels?.severity !== undefined) diff.severity = { [side]: rule.labels.severity };
  return diff;
}

function compareGroupSettings(before: RuleFileContent[], after: RuleFileContent[]): RuleGroupDiff[] {
  const settingsOf = (files: RuleFileContent[]) =>
    new Map(
      files.flatMap((file) =>
        file.groups.map((group) => {
          return [group.name, { file: file.file, settings: without(group, ["name", "rules"]) }] as const;
        }),
      ),
    );
  const old = settingsOf(before);
  const diffs: RuleGroupDiff[] = [];
  for (const [group, { file, settings }] of settingsOf(after)) {
    const previous = old.get(group);
    if (!previous) continue;
    const changes = structuralChanges(previous.settings, settings);
    if (changes.length > 0) diffs.push({ group, file, settings: changes });
  }
  return diffs;
}

/** The groups of a Prometheus rule file, or undefined when the text is not one. */
export function parseRuleFile(text: string): RuleGroupYaml[] | undefined {
  try {
    const document: unknown = load(text);
    if (!isPlainObject(document) || !Array.isArray(document.groups)) return undefined;
    const groups = document.groups as unknown[];
    if (!groups.every((group) => isPlainObject(group) && typeof group.name === "string")) return undefined;
    return groups as RuleGroupYaml[];
  } catch {
    return undefined;
  }
}
