import { EMITTERS, carries } from "../../metrics/catalog/emitters.ts";
import { SIGNAL_NAMES, type Signal } from "../../metrics/catalog/signals.ts";

/** A panel as the dashboards build it, with the signals its queries read. */
export interface PanelReads {
  reads: readonly Signal[];
}

/** The emitters a panel stays empty for, each with the first signal it lacks and why. */
export function emittersLacking(reads: readonly Signal[]): { emitter: string; signal: Signal; why: string }[] {
  return EMITTERS.flatMap((emitter) => {
    const missing = reads.find((signal) => !carries(emitter, signal));
    return missing ? [{ emitter: emitter.name, signal: missing, why: emitter.lacks[missing]! }] : [];
  });
}

/**
 * What a panel says about the emitters it cannot show: a sentence for its description, and the text it
 * shows instead of a misleading 0 when its queries return nothing.
 */
export function gapNotes(reads: readonly Signal[]): { description: string; noValue: string } {
  const lacking = emittersLacking(reads);
  const needs = reads.map((signal) => SIGNAL_NAMES[signal]).join(" and ");
  if (lacking.length === 0) return { description: "", noValue: `No data: no service reports ${needs} in this range` };
  const bySignal = new Map<Signal, string[]>();
  for (const { emitter, signal } of lacking) bySignal.set(signal, [...(bySignal.get(signal) ?? []), emitter]);
  const list = [...bySignal].map(([signal, emitters]) => `${emitters.join(", ")} report no ${SIGNAL_NAMES[signal]}`).join("; ");
  return {
    description: ` Empty, never 0, for services whose emitter lacks what it needs: ${list}.`,
    noValue: `No data: ${list}`,
  };
}

/** A panel's basics with the note about the emitters it cannot show appended, and its empty-state text. */
export function explained<B extends { description: string }>(basics: B, reads: readonly Signal[]): B & { noValue: string } {
  const notes = gapNotes(reads);
  return { ...basics, description: basics.description + notes.description, noValue: notes.noValue };
}

/** A built panel and the signals it reads: the dashboards are built from these, and the README's table. */
export interface ReadingPanel<P> {
  panel: P;
  reads: readonly Signal[];
}
