import { z } from "zod";
import { formatted } from "./fields.ts";
import { hostWithOptionalPort, required } from "./externalStoreFormats.ts";
import { describeKeys } from "./keyDocs.ts";

const identifier = (what: string) =>
  formatted({ test: (v) => /^[A-Za-z0-9_$-]{1,63}$/.test(v), allowed: `${what}: 1 to 63 letters, digits, '_', '$' or '-'` });

/**
 * Grafana on an external PostgreSQL or MySQL database instead of SQLite on its own volume, so Grafana's
 * users, preferences and annotations outlive its pod and several Grafanas can share them. The password is
 * the secret `grafanaDatabasePassword`.
 */
export const grafanaDatabaseSection = z.strictObject({
  type: z.enum(["postgres", "mysql"], { error: "postgres or mysql" }),
  host: required(
    hostWithOptionalPort,
    "an external database needs its address: set grafana.database.host to host:port (postgres.example.com:5432), or remove grafana.database to keep SQLite on Grafana's volume",
  ),
  name: identifier("a database name").default("grafana"),
  user: identifier("a database user").default("grafana"),
  sslMode: z.enum(["disable", "require", "verify-full"], { error: "disable, require or verify-full" }).default("require"),
});
describeKeys(grafanaDatabaseSection, {
  type: { doc: "Grafana keeps its database there instead of SQLite on its own volume (then Grafana has no data volume); its password is the secret `grafanaDatabasePassword`", unset: "none (SQLite on Grafana's volume)" },
  host: { doc: "the database's `host:port`", unset: "none: required with a type" },
  name: "the database, which must exist",
  user: "the user Grafana connects as, owner of the database",
  sslMode:
    "`disable`: no TLS; `require`: TLS, the server's certificate not verified; `verify-full`: TLS verified against the system's CAs and the host name (MySQL: `false`, `skip-verify`, `true`)",
});

export type GrafanaDatabaseConfig = z.infer<typeof grafanaDatabaseSection>;
