import type { DescribeContext } from "../context.ts";
import type { SecretFile } from "../types.ts";
import type { GrafanaDatabaseConfig } from "../../config/grafanaDatabaseSchema.ts";
import { GRAFANA_SECRETS_DIR, grafanaFileReference } from "./fileReference.ts";

/** Grafana's `[database] ssl_mode` for each of the config's modes: PostgreSQL's names, MySQL's own. */
const SSL_MODES: Record<GrafanaDatabaseConfig["type"], Record<GrafanaDatabaseConfig["sslMode"], string>> = {
  postgres: { disable: "disable", require: "require", "verify-full": "verify-full" },
  mysql: { disable: "false", require: "skip-verify", "verify-full": "true" },
};

/**
 * Grafana's `[database]` settings for an external PostgreSQL or MySQL, as GF_DATABASE_* variables; the
 * password is read from its secret file by Grafana's `$__file{}` expansion, as the admin password is.
 * Nothing without `grafana.database`: SQLite on Grafana's volume.
 */
export function grafanaDatabase(ctx: DescribeContext): { env: Record<string, string>; secretFiles: SecretFile[] } {
  const database = ctx.config.grafana.database;
  if (!database) return { env: {}, secretFiles: [] };
  const password: SecretFile = { secret: "grafana-database-password", mountPath: `${GRAFANA_SECRETS_DIR}/database-password` };
  return {
    env: {
      GF_DATABASE_TYPE: database.type,
      GF_DATABASE_HOST: database.host,
      GF_DATABASE_NAME: database.name,
      GF_DATABASE_USER: database.user,
      GF_DATABASE_PASSWORD: grafanaFileReference(ctx.secretPath(password.secret, password.mountPath)),
      GF_DATABASE_SSL_MODE: SSL_MODES[database.type][database.sslMode],
    },
    secretFiles: [password],
  };
}
