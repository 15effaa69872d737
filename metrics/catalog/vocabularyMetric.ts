import type { CatalogMetric, Vocabulary } from "./types.ts";

/** The fields a vocabulary may give all its metrics, each entry free to state its own. */
type SharedField = "emitters" | "labels";

/** An entry as its vocabulary's list writes it: without the vocabulary, and the shared fields optional. */
type Entry<Id extends string, K extends SharedField> = { id: Id } & Omit<CatalogMetric, "id" | "vocabulary" | K> & Partial<Pick<CatalogMetric, K>>;

/**
 * The factory of one vocabulary's catalogue entries: each gets the vocabulary and the shared fields, and
 * keeps its id as a literal type, so MetricId knows every id.
 */
export function vocabularyMetric<K extends SharedField = never>(vocabulary: Vocabulary, shared: Pick<CatalogMetric, K>) {
  // Entry<Id, K> lacks exactly the K fields that `shared` supplies.
  return <Id extends string>(entry: Entry<Id, K>): CatalogMetric<Id> => ({ ...shared, ...entry, vocabulary }) as unknown as CatalogMetric<Id>;
}
