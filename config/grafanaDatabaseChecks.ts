import type { StackConfig } from "./schema.ts";
import type { ConfigProblem } from "./problems.ts";
import { missingSecret, setWithout } from "./storeSecretChecks.ts";

/** Grafana's database needs its password; the password needs its database. */
export function grafanaDatabaseProblems(config: StackConfig): ConfigProblem[] {
  const database = config.grafana.database;
  if (!database) return setWithout(config, "grafanaDatabasePassword", "grafana.database", "set grafana.database to keep Grafana's database there");
  if (config.secretsSet.includes("grafanaDatabasePassword")) return [];
  return [missingSecret("grafanaDatabasePassword", "grafana.database.type", database.type, `the password of its user (${database.user})`)];
}
