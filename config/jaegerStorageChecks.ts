import { load } from "js-yaml";
import type { StackConfig } from "./schema.ts";
import type { ConfigProblem } from "./problems.ts";
import { hostWithOptionalPort, httpUrl } from "./externalStoreFormats.ts";
import type { JaegerStorageBackend } from "./jaegerStorageSchema.ts";
import { key, missingSecret, setWithout, type SecretValues } from "./storeSecretChecks.ts";

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

export function jaegerStorageProblems(config: StackConfig, secrets: SecretValues): ConfigProblem[] {
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
