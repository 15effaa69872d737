import { CATALOG } from "./metrics.ts";
import { EMITTERS } from "./emitters.ts";
import type { Vocabulary } from "./types.ts";

/**
 * The README's table of every metric name the catalog reads, per vocabulary: each form a real path
 * produces (with and without unit suffixes, old and new names), with the emitters that feed it.
 * Metrics no canonical series reads are left out.
 */
export function namingFormsTable(): string {
  const vocabularies = [...new Set(CATALOG.map((metric) => metric.vocabulary))];
  const emittersOf = (vocabulary: Vocabulary) =>
    EMITTERS.filter((emitter) => emitter.vocabularies.includes(vocabulary))
      .map((emitter) => emitter.name)
      .join(", ");
  const rows = vocabularies.map((vocabulary) => {
    const names = CATALOG.filter((metric) => metric.vocabulary === vocabulary && metric.notRecorded === undefined).flatMap((metric) => metric.names);
    return `| ${vocabulary} | ${emittersOf(vocabulary)} | ${names.map((name) => `\`${name}\``).join(", ")} |`;
  });
  return ["| Vocabulary | Emitters | Every name read (each form) |", "|---|---|---|", ...rows].join("\n");
}
