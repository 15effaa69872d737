import type { SecretKey, StackConfig } from "./schema.ts";
import type { ConfigProblem } from "./problems.ts";
import { headerName } from "./externalStoreFormats.ts";
import { key, missingSecret, setWithout, type SecretValues } from "./storeSecretChecks.ts";

/**
 * Headers Prometheus refuses to take from config: those it sets itself, and Authorization, which comes
 * from basic auth or a bearer token (prometheus/prometheus config.reservedHeaders, prometheus/common
 * config.ReservedHeaders).
 */
const RESERVED_HEADERS = new Set(
  [
    "authorization", "host", "content-encoding", "content-length", "content-type", "user-agent", "connection", "keep-alive",
    "proxy-authenticate", "proxy-authorization", "www-authenticate", "accept-encoding", "x-prometheus-remote-write-version",
    "x-prometheus-remote-read-version", "x-prometheus-scrape-timeout-seconds", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256",
  ],
);

function headerProblems(path: string, name: string, value: string | undefined): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!headerName.test(name)) problems.push({ key: key(path), value: name, message: `${JSON.stringify(name)} is not allowed; ${headerName.allowed}` });
  else if (name.toLowerCase() === "authorization") {
    problems.push({
      key: key(path),
      value: name,
      message:
        "Authorization is not allowed as a header: set prometheus.remoteWrite.username with the secret prometheusRemoteWritePassword (basic auth), or the secret prometheusRemoteWriteBearerToken",
    });
  } else if (RESERVED_HEADERS.has(name.toLowerCase())) {
    problems.push({ key: key(path), value: name, message: `${name} is not allowed; Prometheus sets it itself and refuses it in its config` });
  }
  if (value !== undefined && /[\r\n]/.test(value)) problems.push({ key: key(path), value, message: "a header value is one line" });
  return problems;
}

/** Basic auth or a bearer token, each complete; a secret header named and given; headers Prometheus accepts. */
function credentialProblems(config: StackConfig): ConfigProblem[] {
  const remoteWrite = config.prometheus.remoteWrite;
  const fix = "set prometheus.remoteWrite.url to write to the store";
  if (!remoteWrite) {
    return (["prometheusRemoteWritePassword", "prometheusRemoteWriteBearerToken", "prometheusRemoteWriteHeaderValue"] as const).flatMap((secret) =>
      setWithout(config, secret, "prometheus.remoteWrite", fix),
    );
  }
  const has = (secret: SecretKey) => config.secretsSet.includes(secret);
  const problems: ConfigProblem[] = [];
  const { username, secretHeader, headers } = remoteWrite;
  if (username !== undefined && !has("prometheusRemoteWritePassword")) {
    problems.push(missingSecret("prometheusRemoteWritePassword", "prometheus.remoteWrite.username", username, "its password for basic auth"));
  }
  if (username === undefined && has("prometheusRemoteWritePassword")) {
    problems.push({
      key: key("prometheusRemoteWritePassword"),
      value: "(hidden)",
      message: "basic auth needs its user name too: set prometheus.remoteWrite.username, or remove the password with `pulumi config rm`",
      dependsOn: [key("prometheus.remoteWrite.username")],
    });
  }
  if (has("prometheusRemoteWriteBearerToken") && (username !== undefined || has("prometheusRemoteWritePassword"))) {
    problems.push({
      key: key("prometheusRemoteWriteBearerToken"),
      value: "(hidden)",
      message:
        "basic auth (prometheus.remoteWrite.username and prometheusRemoteWritePassword) and a bearer token both: Prometheus sends one Authorization header, " +
        "so keep one: `pulumi config rm` the token, or the user name and password",
      dependsOn: [key("prometheus.remoteWrite.username")],
    });
  }
  if (secretHeader !== undefined && !has("prometheusRemoteWriteHeaderValue")) {
    problems.push(missingSecret("prometheusRemoteWriteHeaderValue", "prometheus.remoteWrite.secretHeader", secretHeader, "its value"));
  }
  if (secretHeader === undefined) problems.push(...setWithout(config, "prometheusRemoteWriteHeaderValue", "prometheus.remoteWrite.secretHeader", "name the header it is the value of"));
  for (const [name, value] of Object.entries(headers)) problems.push(...headerProblems(`prometheus.remoteWrite.headers.${name}`, name, value));
  if (secretHeader !== undefined) {
    problems.push(...headerProblems("prometheus.remoteWrite.secretHeader", secretHeader, undefined));
    if (Object.keys(headers).some((name) => name.toLowerCase() === secretHeader.toLowerCase())) {
      problems.push({
        key: key("prometheus.remoteWrite.secretHeader"),
        value: secretHeader,
        message: `${secretHeader} is in prometheus.remoteWrite.headers too: a header is either plain or secret; remove one`,
      });
    }
  }
  return problems;
}

/**
 * Grafana's provisioning expands `$NAME` in what it reads from a file: a `$` in a credential the
 * long-term datasource reads would change it.
 */
function datasourceCredentialProblems(config: StackConfig, secrets: SecretValues): ConfigProblem[] {
  if (!config.prometheus.remoteWrite?.queryUrl) return [];
  return (["prometheusRemoteWritePassword", "prometheusRemoteWriteBearerToken", "prometheusRemoteWriteHeaderValue"] as const)
    .filter((secret) => secrets[secret]?.includes("$"))
    .map((secret) => ({
      key: key(secret),
      value: "(hidden)",
      message:
        "holds a '$', which Grafana's provisioning expands as an environment variable in the long-term datasource (prometheus.remoteWrite.queryUrl): " +
        "choose a credential without '$', or remove queryUrl",
      dependsOn: [key("prometheus.remoteWrite.queryUrl")],
    }));
}

/** Remote write: its credentials complete and exclusive, its headers ones Prometheus takes, and what Grafana can read. */
export function remoteWriteProblems(config: StackConfig, secrets: SecretValues): ConfigProblem[] {
  return [...credentialProblems(config), ...datasourceCredentialProblems(config, secrets)];
}
