import { z } from "zod";
import { decimal, formatted } from "./fields.ts";
import { prometheusDuration } from "./formats.ts";
import { durationSeconds } from "./durations.ts";

/** One multi-window burn-rate condition: the budget burns `burn` times too fast over `long`, and still does over `short`. */
export interface BurnRate {
  long: string;
  short: string;
  burn: number;
}

const burnRate = z
  .strictObject({
    long: formatted(prometheusDuration),
    short: formatted(prometheusDuration),
    burn: decimal(z.number({ error: "expected a number: a burn rate, greater than 0" }).gt(0, { error: "a burn rate, greater than 0" })),
  })
  // A window that is no duration has its own problem already.
  .refine((b) => ![b.long, b.short].every((w) => typeof w === "string" && prometheusDuration.test(w)) || durationSeconds(b.short) < durationSeconds(b.long), {
    error: "the short window is shorter than the long one",
  });

/**
 * The burn-rate conditions of one severity (Google SRE workbook, "Alerting on SLOs"), any of which fires:
 * a list of `{long, short, burn}`. Each window is recorded per service (rules/slo.ts).
 */
export function burnRates(defaults: BurnRate[]) {
  return z.array(burnRate, { error: "expected a list of {long, short, burn}" }).min(1, { error: "at least one {long, short, burn}" }).default(defaults);
}
