import { load } from "js-yaml";
import { CONFIG_NAMESPACE, type SecretKey, type StackConfig } from "./schema.ts";
import type { ConfigProblem } from "./problems.ts";
import { headerName, hostWithOptionalPort, httpUrl } from "./externalStoreFormats.ts";
import type { JaegerStorageBackend } from "./jaegerStorageSchema.ts";

const key = (path: string) => `${CONFIG_NAMESPACE}:${path}`;
type SecretValues = Partial<Record<string, string | undefined>>;

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

function setWithout(config: StackConfig, secret: SecretKey, section: string, fix: string): ConfigProblem[] {
  if (!config.secretsSet.includes(secret)) return [];
  return [
    {
      key: key(secret),
      value: "(hidden)",
      message: `is set, but ${section} is not, so nothing reads it: ${fix}, or remove it with \`pulumi config rm ${key(secret)}\``,
      // Not said of a section given but left out for a problem of its own.
      dependsOn: [key(section)],
    },
  ];
}

function missingSecret(secret: SecretKey, path: string, value: unknown, what: string): ConfigProblem {
  return {
    key: key(path),
    value,
    message: `${JSON.stringify(value)} needs ${what}: set it with \`pulumi config set --secret ${key(secret)} <value>\`, or remove ${path}`,
  };
}

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
function remoteWriteProblems(config: StackConfig): ConfigProblem[] {
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

/** What each backend's server addresses look like. */
function serverProblem(backend: JaegerStorageBackend, tls: boolean, server: string): string | undefined {
  if (backend === "elasticsearch" || backend === "opensearch") {
    if (!httpUrl.test(server)) return `${httpUrl.allowed.replace(/, such as .*/, "")}, such as https://es.example.com:9200`;
    const https = server.startsWith("https:");
    if (tls && !https) return "an http:// URL with jaeger.storage.tls true: give the https:// URL, or set jaeger.storage.tls to false to send spans unencrypted";
    if (!tls && https) return "an https:// URL with jaeger.storage.tls false: set jaeger.storage.tls to true, or give the http:// URL";
    return undefined;
  }
  if (!hostWithOptionalPort.test(server)) return hostWithOptionalPort.allowed;
  if (backend === "clickhouse" && !/:\d+$/.test(server)) return "a ClickHouse address with its native-protocol port, such as clickhouse.db.svc:9000";
  return undefined;
}

/** The keys each backend reads, beyond servers, tls and username. */
const BACKEND_KEYS = { indexPrefix: ["elasticsearch", "opensearch"], keyspace: ["cassandra"], database: ["clickhouse"] } as const;

/** Jaeger expands `${file:…}` as YAML: a password YAML reads as anything but text is no password to it. */
function yamlReadsAsText(value: string): boolean {
  // Only a comment: nothing, an empty password.
  if (/^\s*#/.test(value)) return false;
  try {
    return typeof load(value) === "string";
  } catch {
    // Text that is no YAML at all is taken verbatim.
    return true;
  }
}

function jaegerStorageProblems(config: StackConfig, secrets: SecretValues): ConfigProblem[] {
  const storage = config.jaeger.storage;
  if (!storage) return setWithout(config, "jaegerStoragePassword", "jaeger.storage", "set jaeger.storage.backend to keep traces in that store");
  const { backend, servers, tls, username } = storage;
  const problems: ConfigProblem[] = [];
  if (servers === undefined || servers.length === 0) {
    const example = { elasticsearch: "[https://es.example.com:9200]", opensearch: "[https://opensearch.example.com:9200]", cassandra: "[cassandra-0.cassandra, cassandra-1.cassandra]", clickhouse: "[clickhouse.db.svc:9000]" }[backend];
    problems.push({
      key: key("jaeger.storage.servers"),
      value: servers,
      message: `${backend} needs the addresses of its servers: set jaeger.storage.servers to a list such as ${example}`,
      dependsOn: [key("jaeger.storage.backend")],
    });
  }
  for (const [i, server] of (servers ?? []).entries()) {
    const problem = serverProblem(backend, tls, server);
    if (problem) problems.push({ key: key(`jaeger.storage.servers[${i}]`), value: server, message: `${JSON.stringify(server)} is not allowed; ${problem}`, dependsOn: [key("jaeger.storage.tls")] });
  }
  for (const [field, backends] of Object.entries(BACKEND_KEYS) as [keyof typeof BACKEND_KEYS, readonly JaegerStorageBackend[]][]) {
    if (storage[field] !== undefined && !backends.includes(backend)) {
      problems.push({
        key: key(`jaeger.storage.${field}`),
        value: storage[field],
        message: `is for ${backends.join(" and ")}, not ${backend}: remove it`,
        dependsOn: [key("jaeger.storage.backend")],
      });
    }
  }
  if (backend === "clickhouse" && tls) {
    problems.push({
      key: key("jaeger.storage.tls"),
      value: tls,
      message: "the pinned Jaeger's ClickHouse storage has no TLS setting: set jaeger.storage.tls to false (a network you trust), or keep traces in another backend",
    });
  }
  const passwordSet = config.secretsSet.includes("jaegerStoragePassword");
  if (username !== undefined && !passwordSet) problems.push(missingSecret("jaegerStoragePassword", "jaeger.storage.username", username, "its password"));
  if (username === undefined && passwordSet) {
    problems.push({
      key: key("jaegerStoragePassword"),
      value: "(hidden)",
      message: "a password needs its user: set jaeger.storage.username, or remove the password with `pulumi config rm`",
    });
  }
  const password = secrets["jaegerStoragePassword"];
  if ((backend === "cassandra" || backend === "clickhouse") && password !== undefined && password !== "" && !yamlReadsAsText(password)) {
    problems.push({
      key: key("jaegerStoragePassword"),
      value: "(hidden)",
      message:
        `the pinned Jaeger reads a ${backend} password only through its config's \${file:…} expansion, which parses the file as YAML: this password reads as a ` +
        "number, a boolean, a list, a map or nothing, not as text. Choose another that YAML reads as text: a letter first and no ': ' will do, but for the words true, false and null",
    });
  }
  return problems;
}

function grafanaDatabaseProblems(config: StackConfig): ConfigProblem[] {
  const database = config.grafana.database;
  if (!database) return setWithout(config, "grafanaDatabasePassword", "grafana.database", "set grafana.database to keep Grafana's database there");
  if (config.secretsSet.includes("grafanaDatabasePassword")) return [];
  return [missingSecret("grafanaDatabasePassword", "grafana.database.type", database.type, `the password of its user (${database.user})`)];
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

/**
 * The stores outside the stack, each complete and consistent: remote write's credentials, Jaeger's
 * backend and its fields, Grafana's database and its password. All of them work on both targets: a
 * container on Docker reaches a store as a pod does.
 */
export function externalStoreProblems(config: StackConfig, secrets: SecretValues): ConfigProblem[] {
  return [...remoteWriteProblems(config), ...jaegerStorageProblems(config, secrets), ...grafanaDatabaseProblems(config), ...datasourceCredentialProblems(config, secrets)];
}
