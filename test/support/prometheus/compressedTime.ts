import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dump, load } from "js-yaml";
import { durationSeconds, formatDuration } from "../../../config/durations.ts";

interface RuleFileYaml {
  groups: { name: string; interval?: string; rules: { expr: string; for?: string; alert?: string }[] }[];
}

/**
 * The rendered rule files with time running `factor` times faster: every `for:` and every range window
 * in the expressions divided by it (a 5m rate window becomes 5s at 60), thresholds and expressions
 * otherwise untouched. An end-to-end test cannot wait out a 10-minute `for:`; the rules' logic is the
 * same on the compressed clock. The evaluation interval stays as the config sets it.
 */
export function compressRuleTime(rulesDir: string, factor: number): void {
  const scale = (duration: string) => formatDuration(Math.max(durationSeconds(duration) / factor, 1));
  for (const file of readdirSync(rulesDir).filter((name) => name.endsWith(".yml"))) {
    const path = join(rulesDir, file);
    const rules = load(readFileSync(path, "utf8")) as RuleFileYaml;
    for (const group of rules.groups) {
      for (const rule of group.rules) {
        if (rule.for) rule.for = scale(rule.for);
        // Range windows and subquery ranges: [5m], [1h:1m].
        rule.expr = rule.expr.replace(/\[(\w+)(:\w*)?\]/g, (_, range: string, step: string | undefined) => `[${scale(range)}${step ?? ""}]`);
      }
    }
    writeFileSync(path, dump(rules, { lineWidth: -1, noRefs: true }));
  }
}
