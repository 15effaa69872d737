import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { configWarnings } from "../../config/warnings.ts";
import { parseStackDocument } from "../../config/fromStackFile.ts";
import type { ConfigProblem } from "../../config/problems.ts";
import { configProblems } from "../support/config/configProblems.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

/** Remote write, Jaeger's shared storage and Grafana's external database: what the config accepts and refuses. */
type Secrets = Record<string, string | undefined>;

const parse = (values: Record<string, unknown>, secrets: Secrets = {}) => parseStackConfig({ values, secrets }, STACK_FACTS);

function messages(values: Record<string, unknown>, secrets: Secrets = {}): string[] {
  return configProblems(values, secrets).map((p: ConfigProblem) => `${p.key}: ${p.message}`);
}

const URL = "https://mimir.example.com/api/v1/push";

describe("prometheus.remoteWrite", () => {
  test("off by default; on, its queue has Prometheus' own defaults, and only canonical series are sent", () => {
    expect(parse({}).prometheus.remoteWrite).toBeUndefined();
    expect(parse({ prometheus: { remoteWrite: { url: URL } } }).prometheus.remoteWrite).toEqual({
      url: URL,
      headers: {},
      send: "canonical",
      queue: { capacity: 10000, maxShards: 50, maxSamplesPerSend: 2000, batchSendDeadline: "5s" },
    });
  });

  test("remote write without a URL says what URL to give, or to remove the section", () => {
    const [problem, ...rest] = messages({ prometheus: { remoteWrite: { username: "team-a" } } }, { prometheusRemoteWritePassword: "secret" });
    expect(rest).toEqual([]);
    expect(problem).toContain("llmobs:prometheus.remoteWrite.url: nothing is not allowed; remote write needs the URL its store takes samples at");
    expect(problem).toContain("set prometheus.remoteWrite.url, or remove prometheus.remoteWrite");
  });

  test("a URL that is no http(s) URL", () => {
    expect(messages({ prometheus: { remoteWrite: { url: "mimir:9009/api/v1/push" } } })).toEqual([
      expect.stringContaining('llmobs:prometheus.remoteWrite.url: "mimir:9009/api/v1/push" is not allowed; an absolute http:// or https:// URL'),
    ]);
  });

  test("basic auth and a bearer token both: keep one", () => {
    expect(messages({ prometheus: { remoteWrite: { url: URL, username: "team-a" } } }, { prometheusRemoteWritePassword: "p", prometheusRemoteWriteBearerToken: "t" })).toEqual([
      expect.stringMatching(/^llmobs:prometheusRemoteWriteBearerToken: basic auth .* and a bearer token both: Prometheus sends one Authorization header/),
    ]);
  });

  test("basic auth needs both halves", () => {
    expect(messages({ prometheus: { remoteWrite: { url: URL, username: "team-a" } } })).toEqual([
      'llmobs:prometheus.remoteWrite.username: "team-a" needs its password for basic auth: set it with `pulumi config set --secret llmobs:prometheusRemoteWritePassword <value>`, or remove prometheus.remoteWrite.username',
    ]);
    expect(messages({ prometheus: { remoteWrite: { url: URL } } }, { prometheusRemoteWritePassword: "p" })).toEqual([
      expect.stringContaining("llmobs:prometheusRemoteWritePassword: basic auth needs its user name too: set prometheus.remoteWrite.username"),
    ]);
  });

  test("a secret header needs its value, and its value its header", () => {
    expect(messages({ prometheus: { remoteWrite: { url: URL, secretHeader: "X-Api-Key" } } })).toEqual([
      expect.stringContaining('llmobs:prometheus.remoteWrite.secretHeader: "X-Api-Key" needs its value: set it with `pulumi config set --secret llmobs:prometheusRemoteWriteHeaderValue'),
    ]);
    expect(messages({ prometheus: { remoteWrite: { url: URL } } }, { prometheusRemoteWriteHeaderValue: "k" })).toEqual([
      expect.stringContaining("llmobs:prometheusRemoteWriteHeaderValue: is set, but prometheus.remoteWrite.secretHeader is not"),
    ]);
  });

  test("headers Prometheus refuses: Authorization points at the credentials, its own headers are named; a header plain and secret at once", () => {
    const found = messages(
      { prometheus: { remoteWrite: { url: URL, secretHeader: "x-scope-orgid", headers: { Authorization: "Bearer x", "User-Agent": "me", "X-Scope-OrgID": "a", "bad header": "v" } } } },
      { prometheusRemoteWriteHeaderValue: "k" },
    );
    expect(found).toEqual([
      expect.stringContaining("llmobs:prometheus.remoteWrite.headers.Authorization: Authorization is not allowed as a header: set prometheus.remoteWrite.username"),
      expect.stringContaining("llmobs:prometheus.remoteWrite.headers.User-Agent: User-Agent is not allowed; Prometheus sets it itself"),
      expect.stringContaining('llmobs:prometheus.remoteWrite.headers.bad header: "bad header" is not allowed; an HTTP header name'),
      expect.stringContaining("llmobs:prometheus.remoteWrite.secretHeader: x-scope-orgid is in prometheus.remoteWrite.headers too"),
    ]);
  });

  test("its secrets without remote write are read by nothing: the message says so", () => {
    expect(messages({}, { prometheusRemoteWriteBearerToken: "t" })).toEqual([
      "llmobs:prometheusRemoteWriteBearerToken: is set, but prometheus.remoteWrite is not, so nothing reads it: set prometheus.remoteWrite.url to write to the store, " +
        "or remove it with `pulumi config rm llmobs:prometheusRemoteWriteBearerToken`",
    ]);
  });

  test("the long-term datasource is part of remote write: a query URL alone is remote write without a URL", () => {
    expect(messages({ prometheus: { remoteWrite: { queryUrl: "https://mimir.example.com/prometheus" } } })).toEqual([
      expect.stringContaining("llmobs:prometheus.remoteWrite.url: nothing is not allowed; remote write needs the URL"),
    ]);
  });

  test("a credential with '$' is refused only where Grafana's provisioning would expand it: with a query URL", () => {
    const values = (queryUrl?: string) => ({ prometheus: { remoteWrite: { url: URL, username: "a", ...(queryUrl ? { queryUrl } : {}) } } });
    expect(messages(values(), { prometheusRemoteWritePassword: "pa$word" })).toEqual([]);
    expect(messages(values("https://mimir.example.com/prometheus"), { prometheusRemoteWritePassword: "pa$word" })).toEqual([
      expect.stringContaining("llmobs:prometheusRemoteWritePassword: holds a '$', which Grafana's provisioning expands"),
    ]);
  });

  test("on Docker too: a container reaches a store as a pod does", () => {
    expect(messages({ target: "docker", prometheus: { remoteWrite: { url: URL } } }, {})).toEqual([]);
  });
});

describe("jaeger.storage", () => {
  const storage = (fields: Record<string, unknown>) => ({ jaeger: { storage: fields } });

  test("an external backend with its required fields missing: the servers, with an example for the backend", () => {
    expect(messages(storage({ backend: "opensearch" }))).toEqual([
      "llmobs:jaeger.storage.servers: opensearch needs the addresses of its servers: set jaeger.storage.servers to a list such as [https://opensearch.example.com:9200]",
    ]);
    expect(messages(storage({ servers: ["https://es:9200"] }))).toEqual([
      expect.stringContaining("llmobs:jaeger.storage.backend: nothing is not allowed; elasticsearch, opensearch, cassandra, clickhouse"),
    ]);
  });

  test("TLS and the URLs' scheme agree", () => {
    expect(messages(storage({ backend: "elasticsearch", servers: ["http://es:9200"] }))).toEqual([
      expect.stringContaining('llmobs:jaeger.storage.servers[0]: "http://es:9200" is not allowed; an http:// URL with jaeger.storage.tls true'),
    ]);
    expect(messages(storage({ backend: "elasticsearch", servers: ["http://es:9200"], tls: false }))).toEqual([]);
    expect(messages(storage({ backend: "elasticsearch", servers: ["es:9200"] }))).toEqual([expect.stringContaining("an absolute http:// or https:// URL")]);
  });

  test("keys of another backend are named", () => {
    expect(messages(storage({ backend: "cassandra", servers: ["cassandra-0"], indexPrefix: "llm" }))).toEqual([
      "llmobs:jaeger.storage.indexPrefix: is for elasticsearch and opensearch, not cassandra: remove it",
    ]);
  });

  test("ClickHouse: addresses with their port, and no TLS the pinned Jaeger could set", () => {
    expect(messages(storage({ backend: "clickhouse", servers: ["clickhouse"] }))).toEqual([
      expect.stringContaining('llmobs:jaeger.storage.servers[0]: "clickhouse" is not allowed; a ClickHouse address with its native-protocol port'),
      expect.stringContaining("llmobs:jaeger.storage.tls: the pinned Jaeger's ClickHouse storage has no TLS setting"),
    ]);
    expect(messages(storage({ backend: "clickhouse", servers: ["clickhouse:9000"], tls: false }))).toEqual([]);
  });

  test("a user needs its password; a password its user", () => {
    expect(messages(storage({ backend: "cassandra", servers: ["c"], username: "jaeger" }))).toEqual([
      expect.stringContaining('llmobs:jaeger.storage.username: "jaeger" needs its password: set it with `pulumi config set --secret llmobs:jaegerStoragePassword'),
    ]);
    expect(messages(storage({ backend: "cassandra", servers: ["c"] }), { jaegerStoragePassword: "p" })).toEqual([
      expect.stringContaining("llmobs:jaegerStoragePassword: a password needs its user"),
    ]);
    expect(messages({}, { jaegerStoragePassword: "p" })).toEqual([expect.stringContaining("llmobs:jaegerStoragePassword: is set, but jaeger.storage is not")]);
  });

  test("a Cassandra or ClickHouse password YAML reads as anything but text is refused where it can be read; Elasticsearch reads its file verbatim", () => {
    const cassandra = storage({ backend: "cassandra", servers: ["c"], username: "jaeger" });
    for (const password of ["123456", "true", "a: b", "#comment", "[1]"]) {
      expect(messages(cassandra, { jaegerStoragePassword: password }), password).toEqual([
        expect.stringContaining("llmobs:jaegerStoragePassword: the pinned Jaeger reads a cassandra password only through its config's ${file:…} expansion"),
      ]);
    }
    for (const password of ["s3cret", "pa$$word", "a #b", "[unclosed"]) expect(messages(cassandra, { jaegerStoragePassword: password }), password).toEqual([]);
    expect(messages(storage({ backend: "elasticsearch", servers: ["https://es:9200"], username: "jaeger" }), { jaegerStoragePassword: "123456" })).toEqual([]);
    // Encrypted in a stack file: only the program, which reads it, can check it.
    expect(messages(cassandra, { jaegerStoragePassword: undefined })).toEqual([]);
  });
});

describe("grafana.database", () => {
  test("a database needs its host and its password", () => {
    expect(messages({ grafana: { database: { type: "postgres" } } })).toEqual([
      expect.stringContaining("llmobs:grafana.database.host: nothing is not allowed; an external database needs its address"),
    ]);
    expect(messages({ grafana: { database: { type: "postgres", host: "pg:5432" } } })).toEqual([
      expect.stringContaining('llmobs:grafana.database.type: "postgres" needs the password of its user (grafana): set it with `pulumi config set --secret llmobs:grafanaDatabasePassword'),
    ]);
    expect(messages({ grafana: { database: { type: "mysql", host: "db", sslMode: "verify-full" } } }, { grafanaDatabasePassword: "p" })).toEqual([]);
    expect(messages({}, { grafanaDatabasePassword: "p" })).toEqual([expect.stringContaining("llmobs:grafanaDatabasePassword: is set, but grafana.database is not")]);
  });

  test("an empty secret of a store is refused without promising to generate one", () => {
    expect(messages({ grafana: { database: { type: "postgres", host: "pg" } } }, { grafanaDatabasePassword: " " })).toEqual([
      "llmobs:grafanaDatabasePassword: an empty secret is not allowed; set a value with `pulumi config set --secret`, or remove the key",
    ]);
  });
});

test("a stack file names the secrets it sets, encrypted, and the checks see them set", () => {
  const file = [
    "config:",
    "  llmobs:prometheus:",
    "    remoteWrite: { url: https://mimir.example.com/api/v1/push, username: team-a }",
    "  llmobs:prometheusRemoteWritePassword:",
    "    secure: AAABAF0=",
  ].join("\n");
  expect(parseStackDocument(file, STACK_FACTS).secretsSet).toEqual(["prometheusRemoteWritePassword"]);
});

test("a volume size for a component on an external store is warned about: it changes nothing", () => {
  const config = parse(
    { target: "kubernetes", jaeger: { storage: { backend: "cassandra", servers: ["c"] } }, kubernetes: { storage: { jaeger: "20Gi", grafana: "5Gi" } } },
    {},
  );
  expect(configWarnings(config, STACK_FACTS).map((w) => `${w.key}: ${w.message}`)).toEqual([
    "llmobs:kubernetes.storage.jaeger: 20Gi changes nothing: with jaeger.storage, Jaeger keeps its data in that store and has no volume; remove the key",
  ]);
});
