import type { FaultName } from "../synthetic/faults.ts";
import { demoCall, type DemoCall, type DemoModel } from "../synthetic/demoWorkload.ts";

/** How often the traffic loop wakes to start the calls that are due. */
const TICK_MILLIS = 50;

export interface CallHandlers {
  /** A call starts; the function returned is called when it finishes. */
  start(call: DemoCall): (call: DemoCall) => void;
}

/**
 * Calls every agent makes to every model, `ratePerSecond` in all, spread evenly; each takes as long as the
 * workload says (a real timer, so calls overlap and the in-flight gauge means something).
 */
export class Traffic {
  private readonly pairs: { agent: string; model: DemoModel; due: number; next: number }[];
  private readonly inFlight = new Set<NodeJS.Timeout>();
  private ticker: NodeJS.Timeout | undefined;
  private last = Date.now();

  constructor(
    agents: string[],
    models: DemoModel[],
    private readonly ratePerSecond: number,
    private readonly faults: () => ReadonlySet<FaultName>,
    private readonly handlers: CallHandlers,
  ) {
    // Each pair starts part-way to its first call, so the pairs' calls interleave instead of bunching.
    this.pairs = agents.flatMap((agent) => models.map((model) => ({ agent, model, due: 0, next: 0 })));
    this.pairs.forEach((pair, i) => (pair.due = i / this.pairs.length));
  }

  start(): void {
    this.last = Date.now();
    this.ticker = setInterval(() => this.tick(), TICK_MILLIS);
  }

  private tick(): void {
    const now = Date.now();
    const elapsed = (now - this.last) / 1000;
    this.last = now;
    const faults = this.faults();
    if (faults.has("service-down")) return;
    const perPair = this.ratePerSecond / this.pairs.length;
    for (const pair of this.pairs) {
      pair.due += perPair * elapsed;
      while (pair.due >= 1) {
        pair.due -= 1;
        const call = demoCall(pair.agent, pair.model, pair.next++, faults);
        const finish = this.handlers.start(call);
        const timer = setTimeout(() => {
          this.inFlight.delete(timer);
          finish(call);
        }, call.durationSeconds * 1000);
        this.inFlight.add(timer);
      }
    }
  }

  /** Stops starting calls; calls in flight are dropped (their spans are never ended, as in a killed process). */
  stop(): void {
    clearInterval(this.ticker);
    for (const timer of this.inFlight) clearTimeout(timer);
    this.inFlight.clear();
  }
}
