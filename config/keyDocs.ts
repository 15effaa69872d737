import { z } from "zod";

/** What the README's configuration table says of a key or a section (`npm run readme` writes it from these). */
export interface KeyDoc {
  /** What the key sets and what it allows, in a sentence or two. */
  doc: string;
  /** What leaving it unset means, for a key without a default value, or what a section's one row says of its defaults. */
  unset?: string;
}

export const KEY_DOCS = z.registry<KeyDoc>();

/**
 * Documents the keys of a config section, right below it: the one place each key is described. A key
 * that is itself a section and has a doc of its own is one row of the README's table.
 */
export function describeKeys<S extends z.ZodObject>(section: S, docs: Partial<Record<keyof S["shape"], string | KeyDoc>>): void {
  for (const [key, doc] of Object.entries(docs) as [string, string | KeyDoc][]) {
    (section.shape[key] as z.ZodType).register(KEY_DOCS, typeof doc === "string" ? { doc } : doc);
  }
}
