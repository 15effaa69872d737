import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dump, load } from "js-yaml";
import { durationSeconds, formatDuration } from "../../../config/durations.ts";

interface RuleFileYaml {
  groups: { name: string; interval?: string; rules: { expr: string; for?: string; alert?: string }[] }[];
}

/**
 * The rendered rule files with time running `factor` times faster: every `for:`, range window and offset
 * in the expressions divided by it (a 5m rate window becomes 5s at 60, `offset 1h` 60s), and so is a
 * window's length in seconds where an expression divides by it to get a rate per second
 * (`sum_over_time(x[1h]) / 3600`); thresholds and expressions otherwise untouched. An end-to-end test
 * cannot wait out a 10-minute `for:`; the rules' logic is the same on the compressed clock. The evaluation
 * interval stays as the config sets it, and must be 1 s: an offset of one interval (the recorded
 * increments' baseline) stays one interval only there.
 */
export function compressRuleTime(rulesDir: string, factor: number): void {
  const scale = (duration: string) => formatDuration(Math.max(durationSeconds(duration) / factor, 1));
  for (const file of readdirSync(rulesDir).filter((name) => name.endsWith(".yml"))) {
    const path = join(rulesDir, file);
    const rules = load(readFileSync(path, "utf8")) as RuleFileYaml;
    for (const group of rules.groups) {
      for (const rule of group.rules) {
        if (rule.for) rule.for = scale(rule.for);
        // A window's length in seconds, where the expression divides by it: each range's own.
        const windowSeconds = new Set([...rule.expr.matchAll(/\[(\w+)(?::\w*)?\]/g)].map(([, range]) => durationSeconds(range!)));
        rule.expr = rule.expr.replace(/\/ (\d+)\b(?!\.)/g, (literal, seconds: string) =>
          windowSeconds.has(Number(seconds)) ? `/ ${Math.max(Number(seconds) / factor, 1)}` : literal,
        );
        // Range windows and subquery ranges: [5m], [1h:1m]; offsets.
        rule.expr = rule.expr.replace(/\[(\w+)(:\w*)?\]/g, (_, range: string, step: string | undefined) => `[${scale(range)}${step ?? ""}]`);
        rule.expr = rule.expr.replace(/\boffset (\w+)/g, (_, offset: string) => `offset ${scale(offset)}`);
      }
    }
    writeFileSync(path, dump(rules, { lineWidth: -1, noRefs: true }));
  }
}
