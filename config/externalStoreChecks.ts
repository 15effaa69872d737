import type { StackConfig } from "./schema.ts";
import type { ConfigProblem } from "./problems.ts";
import type { SecretValues } from "./storeSecretChecks.ts";
import { remoteWriteProblems } from "./remoteWriteChecks.ts";
import { jaegerStorageProblems } from "./jaegerStorageChecks.ts";
import { grafanaDatabaseProblems } from "./grafanaDatabaseChecks.ts";

/**
 * The stores outside the stack, each complete and consistent: remote write's credentials, Jaeger's
 * backend and its fields, Grafana's database and its password. All of them work on both targets: a
 * container on Docker reaches a store as a pod does.
 */
export function externalStoreProblems(config: StackConfig, secrets: SecretValues): ConfigProblem[] {
  return [...remoteWriteProblems(config, secrets), ...jaegerStorageProblems(config, secrets), ...grafanaDatabaseProblems(config)];
}
