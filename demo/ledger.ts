import type { DemoCall } from "../synthetic/demoWorkload.ts";

/** A finished call as the demo counted it: what a test compares the dashboards with. */
export interface LedgerEntry {
  /** When the call finished, ms since the epoch. */
  at: number;
  call: DemoCall;
  traceId: string;
}

/** Every call the demo finished, in order (kept for `keepMillis`, so a long run does not grow without end). */
export class Ledger {
  private readonly entries: LedgerEntry[] = [];
  constructor(private readonly keepMillis = 15 * 60_000) {}

  add(entry: LedgerEntry): void {
    this.entries.push(entry);
    const cutoff = entry.at - this.keepMillis;
    while (this.entries.length > 0 && this.entries[0]!.at < cutoff) this.entries.shift();
  }

  /** The calls that finished in [from, to), ms since the epoch. */
  between(from: number, to: number): LedgerEntry[] {
    return this.entries.filter((entry) => entry.at >= from && entry.at < to);
  }
}
