import { z } from "zod";
import { formatted, text } from "./fields.ts";
import { describeKeys } from "./keyDocs.ts";
import { oneLine } from "./externalStoreFormats.ts";

/** The shared stores the pinned Jaeger's `jaeger_storage` extension offers for traces (cmd/jaeger/internal/extension/jaegerstorage). */
export const JAEGER_STORAGE_BACKENDS = ["elasticsearch", "opensearch", "cassandra", "clickhouse"] as const;
export type JaegerStorageBackend = (typeof JAEGER_STORAGE_BACKENDS)[number];


/**
 * Jaeger on a shared store instead of Badger on its own volume, so several Jaegers (or a restarted one on
 * another node) see the same traces. Which keys apply depends on the backend; storageChecks.ts says which
 * are missing or do not belong. The password is the secret `jaegerStoragePassword`.
 */
export const jaegerStorageSection = z.strictObject({
  backend: z.enum(JAEGER_STORAGE_BACKENDS, { error: JAEGER_STORAGE_BACKENDS.join(", ") }),
  servers: z.array(text("expected a string: a server's address"), { error: "expected a list of server addresses" }).optional(),
  indexPrefix: formatted({ test: (v) => /^[a-z0-9][a-z0-9_-]{0,99}$/.test(v), allowed: "an index prefix: lower-case letters, digits, '-' and '_', starting with a letter or digit" }).optional(),
  keyspace: formatted({ test: (v) => /^[A-Za-z0-9_]{1,48}$/.test(v), allowed: "a Cassandra keyspace: 1 to 48 letters, digits and '_'" }).optional(),
  database: formatted({ test: (v) => /^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(v), allowed: "a ClickHouse database: letters, digits and '_', not starting with a digit" }).optional(),
  tls: z.boolean({ error: "true or false" }).default(true),
  username: formatted(oneLine("the store's user name: one line, not empty")).optional(),
});
describeKeys(jaegerStorageSection, {
  backend: {
    doc:
      "Jaeger keeps traces in this shared store instead of Badger on its own volume (then Jaeger has no data volume). `jaeger.spanRetention` applies to Cassandra's tables; " +
      "Elasticsearch and OpenSearch indices are removed by the store's lifecycle policy (or `jaeger es-index-cleaner`), ClickHouse's by a table TTL",
    unset: "none (Badger on Jaeger's volume)",
  },
  servers: {
    doc: "the store's nodes: Elasticsearch and OpenSearch `https://host:9200` URLs; Cassandra `host` or `host:9042`; ClickHouse `host:9000` (native protocol)",
    unset: "none: required with a backend",
  },
  indexPrefix: { doc: "Elasticsearch and OpenSearch: the prefix of Jaeger's indices", unset: "the stack's `namePrefix`" },
  keyspace: { doc: "Cassandra: the keyspace, created with Jaeger's tables if missing", unset: "the stack's `namePrefix`, `-` as `_`" },
  database: { doc: "ClickHouse: the database, created with Jaeger's tables if missing", unset: "the stack's `namePrefix`, `-` as `_`" },
  tls: "connect over TLS, verified against the system's CAs: Elasticsearch and OpenSearch need `https://` URLs; the pinned Jaeger's ClickHouse storage has no TLS setting, so ClickHouse needs `false`",
  username: { doc: "the store's user; its password is the secret `jaegerStoragePassword`", unset: "none (no authentication)" },
});

export type JaegerStorageConfig = z.infer<typeof jaegerStorageSection>;
