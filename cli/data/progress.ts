import type { StepEvent } from "./stackOps.ts";

const MARKS: Record<StepEvent["phase"], string> = { started: "...", done: "ok ", failed: "FAILED" };

function label(event: StepEvent): string {
  const name = event.urn.slice(event.urn.lastIndexOf("::") + 2);
  return `${event.op.padEnd(18)} ${event.type.slice(event.type.lastIndexOf(":") + 1).padEnd(22)} ${name}`;
}

/**
 * One live line per resource as Pulumi reports it. On a terminal the lines are redrawn in place as steps
 * finish; otherwise each change of state is printed as it happens.
 */
export class ProgressView {
  private readonly lines = new Map<string, StepEvent>();
  private drawn = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly live: boolean,
  ) {}

  readonly onStep = (event: StepEvent): void => {
    this.lines.set(`${event.urn}|${event.op}`, event);
    if (!this.live) {
      this.write(`  ${MARKS[event.phase].padEnd(6)} ${label(event)}\n`);
      return;
    }
    // Move the cursor up over the block drawn last time, then redraw it.
    if (this.drawn > 0) this.write(`\x1b[${this.drawn}F`);
    for (const line of this.lines.values()) this.write(`\x1b[2K  ${MARKS[line.phase].padEnd(6)} ${label(line)}\n`);
    this.drawn = this.lines.size;
  };
}

const PAST: Record<string, string> = { create: "created", update: "updated", replace: "replaced", delete: "deleted" };

/** "2 replaced, 1 created, 5 unchanged in 14 s" from Pulumi's change counts. */
export function formatSummary(changes: Record<string, number>, seconds: number): string {
  const parts = Object.entries(changes)
    .filter(([op, count]) => op !== "same" && count > 0)
    .map(([op, count]) => `${count} ${PAST[op] ?? op}`);
  const unchanged = changes["same"] ?? 0;
  return `${parts.length ? parts.join(", ") : "no changes"}${unchanged ? `, ${unchanged} unchanged` : ""} in ${seconds.toFixed(0)} s`;
}
