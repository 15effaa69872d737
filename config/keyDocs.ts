import { z } from "zod";

/** What the README's configuration table says of a key or a section (cli/readme writes it from these). */
export interface KeyDoc {
  /** What the key sets and what it allows, in a sentence or two. */
  doc: string;
  /** What leaving it unset means, for a key without a default value, or what a section's one row says of its defaults. */
  unset?: string;
}

export const KEY_DOCS = z.registry<KeyDoc>();

/** A key's schema with its doc: the one place a key is described. A section with a doc is one row of the table. */
export function documented<T extends z.ZodType>(schema: T, doc: string, unset?: string): T {
  (schema as z.ZodType).register(KEY_DOCS, unset === undefined ? { doc } : { doc, unset });
  return schema;
}
