/**
 * What each raw counter series added since the previous evaluation of its rule group, `interval` ago.
 *
 * The baseline is the series' last sample before then (within BASELINE_WINDOW, so a failed scrape or two
 * in between does not lose what they missed). Then:
 *   - a series that grew, or stayed: its value minus the baseline;
 *   - a series that dropped below its baseline (the process restarted): its value, counted from zero;
 *   - a series with no baseline: born since the previous evaluation, so its whole value counts, if its
 *     target was already being scraped then (`up` was 1), or, for series pushed over OTLP (no `up`), if
 *     this Prometheus has been running long enough for every pushing service to have pushed once
 *     (`pushedTrustedAfterSeconds`); otherwise (a target seen for the first time, or a Prometheus just
 *     started, whose counters may be years old) it is the baseline, and counts nothing.
 *
 * Summed over a range, these give the counters' own increase in it exactly, whenever series appear,
 * restart or vanish, and whatever the evaluation interval; only increases Prometheus never saw (a target
 * down for longer than the baseline window, an evaluation missed) are lost.
 */
export const BASELINE_WINDOW = { range: "5m", seconds: 300 };

/** Prometheus' own process, whichever job scrapes it: it alone exports prometheus_build_info. */
const PROMETHEUS_UPTIME = "time() - max(process_start_time_seconds and on (job, instance) prometheus_build_info)";

export interface IncrementsTiming {
  /** The rule group's evaluation interval. */
  interval: string;
  /** How long Prometheus must have run before a series pushed for the first time is taken as new. */
  pushedTrustedAfterSeconds: number;
}

export function increments(selector: string, { interval, pushedTrustedAfterSeconds }: IncrementsTiming): string {
  const baseline = `last_over_time(${selector}[${BASELINE_WINDOW.range}] offset ${interval})`;
  const scrapedBefore = `up offset ${interval} == 1`;
  const pushed = `(group by (job, instance) (${selector}) unless on (job, instance) up) and on () (${PROMETHEUS_UPTIME} > ${pushedTrustedAfterSeconds})`;
  const bornOnKnownTarget = `${selector} and on (job, instance) group by (job, instance) (${scrapedBefore} or on (job, instance) ${pushed})`;
  return `(${selector} - ${baseline}) >= 0 or ${selector} and ${baseline} or ${bornOnKnownTarget}`;
}
