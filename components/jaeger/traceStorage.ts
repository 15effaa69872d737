import type { DescribeContext } from "../context.ts";
import type { SecretFile } from "../types.ts";
import type { JaegerStorageConfig } from "../../config/jaegerStorageSchema.ts";

/** Where Jaeger's secret files are mounted. */
const SECRETS_DIR = "/etc/jaeger/secrets";

/** One trace backend of the `jaeger_storage` extension: its name, and its config under that name. */
export interface TraceStorage {
  name: string;
  backend: Record<string, unknown>;
  /** The store's password, when the config sets a user. */
  secretFiles: SecretFile[];
}

/** The stack's name prefix as a Cassandra keyspace or ClickHouse database: `-` is no identifier character there. */
function identifierOf(namePrefix: string): string {
  return namePrefix.replaceAll("-", "_");
}

function externalBackend(storage: JaegerStorageConfig, namePrefix: string, spanRetention: string, password?: string): Record<string, unknown> {
  const servers = storage.servers ?? [];
  const { username, tls } = storage;
  switch (storage.backend) {
    case "elasticsearch":
    case "opensearch":
      // TLS from the URLs' scheme (the config checks they agree with `tls`), verified against the system's CAs.
      return {
        [storage.backend]: {
          server_urls: servers,
          indices: { index_prefix: storage.indexPrefix ?? namePrefix },
          ...(username !== undefined && password ? { auth: { basic: { username, password_file: password } } } : {}),
        },
      };
    case "cassandra":
      return {
        cassandra: {
          schema: { keyspace: storage.keyspace ?? identifierOf(namePrefix), create: true, trace_ttl: spanRetention },
          connection: {
            servers,
            // Jaeger's Cassandra connection is encrypted unless `insecure`.
            tls: { insecure: !tls },
            // Only ${file:} reaches this field: the config checks the password reads as YAML text.
            ...(username !== undefined && password ? { auth: { basic: { username, password: `\${file:${password}}` } } } : {}),
          },
        },
      };
    case "clickhouse":
      return {
        clickhouse: {
          addresses: servers,
          database: storage.database ?? identifierOf(namePrefix),
          create_schema: true,
          ...(username !== undefined && password ? { auth: { basic: { username, password: `\${file:${password}}` } } } : {}),
        },
      };
  }
}

/**
 * Where Jaeger keeps traces: Badger under `dataDir` on Jaeger's own volume, or with `jaeger.storage` the
 * shared store, its password read from a secret file (Elasticsearch and OpenSearch read `password_file`;
 * the pinned Jaeger's Cassandra and ClickHouse storage have no such option, so their password is the
 * file's content through the config's `${file:}` expansion).
 */
export function traceStorage(ctx: DescribeContext, dataDir: string): TraceStorage {
  const { config } = ctx;
  const storage = config.jaeger.storage;
  if (!storage) {
    return {
      name: "badger_store",
      backend: {
        badger: {
          directories: { keys: `${dataDir}/badger/keys`, values: `${dataDir}/badger/values` },
          ephemeral: false,
          ttl: { spans: config.jaeger.spanRetention },
        },
      },
      secretFiles: [],
    };
  }
  const password: SecretFile | undefined =
    storage.username !== undefined && config.secretsSet.includes("jaegerStoragePassword")
      ? { secret: "jaeger-storage-password", mountPath: `${SECRETS_DIR}/storage-password` }
      : undefined;
  const passwordPath = password ? ctx.secretPath(password.secret, password.mountPath) : undefined;
  return {
    name: `${storage.backend}_store`,
    backend: externalBackend(storage, config.namePrefix, config.jaeger.spanRetention, passwordPath),
    secretFiles: password ? [password] : [],
  };
}
