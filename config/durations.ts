const UNIT_SECONDS: Record<string, number> = { y: 365 * 86400, w: 7 * 86400, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 };

/** Seconds in a Prometheus duration ("15s", "1h30m"), already validated by the config schema. */
export function durationSeconds(duration: string): number {
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+)(ms|y|w|d|h|m|s)/g)) total += Number(amount) * UNIT_SECONDS[unit!]!;
  return total;
}

/** Seconds as a Prometheus duration, largest units first: 150 -> "2m30s", 0.5 -> "500ms". */
export function formatDuration(seconds: number): string {
  let rest = Math.round(seconds * 1000);
  let text = "";
  for (const unit of ["d", "h", "m", "s", "ms"]) {
    const unitMs = Math.round(UNIT_SECONDS[unit]! * 1000);
    const amount = Math.floor(rest / unitMs);
    if (amount > 0) text += `${amount}${unit}`;
    rest -= amount * unitMs;
  }
  return text || "0s";
}
