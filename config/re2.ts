import { RE2JS } from "re2js";

/**
 * Why Prometheus would refuse a regular expression, or undefined when it accepts it. Prometheus uses Go's
 * regexp package (RE2 syntax), which refuses what JavaScript's engine takes: lookarounds, backreferences,
 * possessive quantifiers. RE2JS is a port of RE2 with the same syntax and messages, so the check is RE2's,
 * not JavaScript's.
 */
export function re2SyntaxError(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
