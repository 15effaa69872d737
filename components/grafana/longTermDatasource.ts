import type { DescribeContext } from "../context.ts";
import type { SecretFile } from "../types.ts";
import { DATASOURCE_UIDS } from "../../dashboards/common/datasourceUids.ts";
import { credentialFiles, remoteWriteCredentials } from "../prometheus/remoteWriteCredentials.ts";
import { GRAFANA_SECRETS_DIR, grafanaFileReference } from "./fileReference.ts";

/** Grafana's provisioning expands `$NAME`; `$$` is a literal `$`. */
function literal(value: string): string {
  return value.replaceAll("$", "$$$$");
}

/**
 * The long-term store as a second Prometheus datasource (fixed UID), when remote write names its query
 * URL: the store's query side takes the same tenant headers and credentials as its write side, so the
 * datasource sends remote write's headers, and its basic auth, bearer token or secret header read from the
 * same secrets, mounted into Grafana.
 */
export function longTermDatasource(ctx: DescribeContext): { datasource?: Record<string, unknown>; secretFiles: SecretFile[] } {
  const remoteWrite = ctx.config.prometheus.remoteWrite;
  if (!remoteWrite?.queryUrl) return { secretFiles: [] };
  const credentials = remoteWriteCredentials(ctx.config, GRAFANA_SECRETS_DIR);
  const fromFile = (file: SecretFile) => grafanaFileReference(ctx.secretPath(file.secret, file.mountPath));
  const headers: [string, string][] = [
    ...Object.entries(remoteWrite.headers).map(([name, value]): [string, string] => [name, literal(value)]),
    ...(credentials.secretHeader ? [[credentials.secretHeader.name, fromFile(credentials.secretHeader.value)] as [string, string]] : []),
    ...(credentials.bearerToken ? [["Authorization", `Bearer ${fromFile(credentials.bearerToken)}`] as [string, string]] : []),
  ];
  const { basicAuth } = credentials;
  return {
    datasource: {
      name: "Prometheus (long-term)",
      uid: DATASOURCE_UIDS.longTerm,
      type: "prometheus",
      access: "proxy",
      url: remoteWrite.queryUrl,
      editable: false,
      ...(basicAuth ? { basicAuth: true, basicAuthUser: basicAuth.username } : {}),
      jsonData: {
        httpMethod: "POST",
        prometheusType: "Prometheus",
        timeInterval: ctx.config.prometheus.scrapeInterval,
        ...Object.fromEntries(headers.map(([name], i) => [`httpHeaderName${i + 1}`, name])),
      },
      ...(basicAuth || headers.length > 0
        ? {
            secureJsonData: {
              ...(basicAuth ? { basicAuthPassword: fromFile(basicAuth.password) } : {}),
              ...Object.fromEntries(headers.map(([, value], i) => [`httpHeaderValue${i + 1}`, value])),
            },
          }
        : {}),
    },
    secretFiles: credentialFiles(credentials),
  };
}
