import type { StackConfig } from "../config/schema.ts";
import { durationSeconds } from "../config/durations.ts";
import { ruleFileGroups } from "./ruleFiles.ts";

/** Functions whose range vector must hold at least two samples to return anything. */
const TWO_SAMPLE_FUNCTIONS = ["rate", "irate", "increase", "delta", "idelta", "deriv", "changes", "resets"];

/** The text between a function call's parentheses, starting just after its "(". */
function callArguments(expr: string, start: number): string {
  let depth = 1;
  for (let i = start; i < expr.length; i++) {
    if (expr[i] === "(") depth++;
    else if (expr[i] === ")" && --depth === 0) return expr.slice(start, i);
  }
  return expr.slice(start);
}

/** The range windows of every rate-like call in a PromQL expression: `rate(x[5m])` -> ["5m"]. */
export function rateWindowsIn(expr: string): string[] {
  const windows: string[] = [];
  const call = new RegExp(`\\b(?:${TWO_SAMPLE_FUNCTIONS.join("|")})\\(`, "g");
  for (const match of expr.matchAll(call)) {
    const range = /\[(\w+)(?::\w*)?\]\s*$/.exec(callArguments(expr, match.index + match[0].length));
    if (range) windows.push(range[1]!);
  }
  return windows;
}

/**
 * The shortest rate window in the stack's rules, over raw scraped series: every such rate is empty while
 * its window holds fewer than two scrapes. (Recorded series are read with sum_over_time, which one sample
 * serves.)
 */
export function shortestRuleRateWindow(config: StackConfig): { window: string; seconds: number } | undefined {
  const windows = ruleFileGroups(config).flatMap(({ groups }) => groups.flatMap((group) => group.rules.flatMap((rule) => rateWindowsIn(rule.expr))));
  const shortest = windows.sort((a, b) => durationSeconds(a) - durationSeconds(b))[0];
  return shortest === undefined ? undefined : { window: shortest, seconds: durationSeconds(shortest) };
}
