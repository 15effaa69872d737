import { describe, expect, test } from "vitest";
import { load } from "js-yaml";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import type { ComponentDescription } from "../../components/types.ts";
import type { ComponentName } from "../../config/components.ts";
import { recordedSeries } from "../../rules/recordedSeries.ts";
import { SERIES, SERVICE_SERIES } from "../../metrics/canonical.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";
import { createSecretCommand } from "../../targets/kubernetes/renderedSecrets.ts";

/** What the stores outside the stack change in the rendered files and descriptions, and what they leave alone. */
type Secrets = Record<string, string>;

function stackOf(values: Record<string, unknown>, secrets: Secrets = {}) {
  const config = parseStackConfig({ values, secrets }, STACK_FACTS);
  return { config, stack: describeStack(config) };
}

function component(values: Record<string, unknown>, name: ComponentName, secrets: Secrets = {}): ComponentDescription {
  return stackOf(values, secrets).stack.components.find((c) => c.name === name)!;
}

function file(d: ComponentDescription, path: string): any {
  return load(d.configFiles.find((f) => f.path === path)!.content);
}

const URL = "https://mimir.example.com/api/v1/push";
const QUERY_URL = "https://mimir.example.com/prometheus";

describe("by default nothing leaves the stack", () => {
  const { stack } = stackOf({});
  const of = (name: ComponentName) => stack.components.find((c) => c.name === name)!;

  test("prometheus.yml has no remote_write and no external labels; Prometheus mounts no secret", () => {
    const yml = file(of("prometheus"), "prometheus.yml");
    expect(yml.remote_write).toBeUndefined();
    expect(yml.global.external_labels).toBeUndefined();
    expect(of("prometheus").secretFiles).toEqual([]);
  });

  test("Jaeger keeps Badger and Grafana SQLite, each on its volume; Grafana has three datasources", () => {
    expect(of("jaeger").data?.mountPath).toBe("/tmp");
    expect(Object.keys(file(of("jaeger"), "config.yaml").extensions.jaeger_storage.backends)).toEqual(["badger_store"]);
    expect(of("grafana").data?.mountPath).toBe("/var/lib/grafana");
    expect(Object.keys(of("grafana").env).filter((name) => name.startsWith("GF_DATABASE"))).toEqual([]);
    expect(file(of("grafana"), "provisioning/datasources/llmobs.yml").datasources.map((d: any) => d.uid)).toEqual(["llmobs-prometheus", "llmobs-jaeger", "llmobs-alertmanager"]);
  });
});

describe("remote write", () => {
  const values = (remoteWrite: Record<string, unknown>) => ({ namePrefix: "team-a", prometheus: { remoteWrite: { url: URL, ...remoteWrite } } });

  test("keeps exactly the recorded series, up and ALERTS: the canonical series pass, raw emitter series do not", () => {
    const { config } = stackOf(values({}));
    const [write] = file(component(values({}), "prometheus"), "prometheus.yml").remote_write;
    expect(write.write_relabel_configs).toHaveLength(1);
    const { regex, source_labels, action } = write.write_relabel_configs[0];
    expect({ source_labels, action }).toEqual({ source_labels: ["__name__"], action: "keep" });
    expect(regex.split("|")).toEqual(["up", "ALERTS", ...recordedSeries(config)]);
    // Prometheus anchors a relabel regex at both ends.
    const keeps = (name: string) => new RegExp(`^(?:${regex})$`).test(name);
    for (const name of [...Object.values(SERIES), ...Object.values(SERVICE_SERIES), "up", "ALERTS"]) expect(keeps(name), name).toBe(true);
    for (const name of recordedSeries(config)) expect(name).toMatch(/^[a-z_]+:[a-z0-9_]+:[a-z0-9_]+$/);
    for (const name of ["gen_ai_client_token_usage_sum", "llm_requests_total", "up_total", "ALERTS_FOR_STATE", "node_memory_MemAvailable_bytes"]) expect(keeps(name), name).toBe(false);
    expect(write.metadata_config).toEqual({ send: false });
  });

  test("send: all relabels nothing", () => {
    const [write] = file(component(values({ send: "all" }), "prometheus"), "prometheus.yml").remote_write;
    expect(write.write_relabel_configs).toBeUndefined();
    expect(write.metadata_config).toBeUndefined();
  });

  test("the cluster label is the stack's namePrefix unless set", () => {
    expect(file(component(values({}), "prometheus"), "prometheus.yml").global.external_labels).toEqual({ cluster: "team-a" });
    expect(file(component(values({ cluster: "eu-prod" }), "prometheus"), "prometheus.yml").global.external_labels).toEqual({ cluster: "eu-prod" });
  });

  test("basic auth and a secret header as files Prometheus reads; the values are nowhere in prometheus.yml", () => {
    const prometheus = component(values({ username: "team-a", secretHeader: "X-Api-Key", headers: { "X-Scope-OrgID": "team-a" } }), "prometheus", {
      prometheusRemoteWritePassword: "the-password",
      prometheusRemoteWriteHeaderValue: "the-api-key",
    });
    const [write] = file(prometheus, "prometheus.yml").remote_write;
    expect(write).toMatchObject({
      url: URL,
      headers: { "X-Scope-OrgID": "team-a" },
      http_headers: { "X-Api-Key": { files: ["/etc/prometheus/secrets/remote-write-header-value"] } },
      basic_auth: { username: "team-a", password_file: "/etc/prometheus/secrets/remote-write-password" },
      queue_config: { capacity: 10000, max_shards: 50, max_samples_per_send: 2000, batch_send_deadline: "5s" },
    });
    expect(write.authorization).toBeUndefined();
    expect(prometheus.secretFiles).toEqual([
      { secret: "prometheus-remote-write-password", mountPath: "/etc/prometheus/secrets/remote-write-password" },
      { secret: "prometheus-remote-write-header-value", mountPath: "/etc/prometheus/secrets/remote-write-header-value" },
    ]);
    const text = prometheus.configFiles.map((f) => f.content).join("\n");
    expect(text).not.toContain("the-password");
    expect(text).not.toContain("the-api-key");
  });

  test("a bearer token as Prometheus' authorization credentials_file", () => {
    const prometheus = component(values({}), "prometheus", { prometheusRemoteWriteBearerToken: "the-token" });
    expect(file(prometheus, "prometheus.yml").remote_write[0].authorization).toEqual({ type: "Bearer", credentials_file: "/etc/prometheus/secrets/remote-write-bearer-token" });
    expect(prometheus.secretFiles.map((f) => f.secret)).toEqual(["prometheus-remote-write-bearer-token"]);
  });
});

describe("the long-term datasource", () => {
  test("only with a query URL; it sends remote write's headers and credentials, read from Grafana's own mounts of the same secrets", () => {
    const base = { prometheus: { remoteWrite: { url: URL, username: "team-a", secretHeader: "X-Api-Key", headers: { "X-Scope-OrgID": "t$a" } } } };
    const secrets = { prometheusRemoteWritePassword: "p", prometheusRemoteWriteHeaderValue: "k" };
    expect(component(base, "grafana", secrets).secretFiles.map((f) => f.secret)).toEqual(["grafana-admin-password"]);
    const grafana = component({ prometheus: { remoteWrite: { ...base.prometheus.remoteWrite, queryUrl: QUERY_URL } } }, "grafana", secrets);
    const longTerm = file(grafana, "provisioning/datasources/llmobs.yml").datasources.at(-1);
    expect(longTerm).toEqual({
      name: "Prometheus (long-term)",
      uid: "llmobs-prometheus-long-term",
      type: "prometheus",
      access: "proxy",
      url: QUERY_URL,
      editable: false,
      basicAuth: true,
      basicAuthUser: "team-a",
      jsonData: { httpMethod: "POST", prometheusType: "Prometheus", timeInterval: "15s", httpHeaderName1: "X-Scope-OrgID", httpHeaderName2: "X-Api-Key" },
      secureJsonData: {
        basicAuthPassword: "$__file{/etc/grafana/secrets/remote-write-password}",
        // Grafana's provisioning expands `$NAME`: a literal `$` is written `$$`.
        httpHeaderValue1: "t$$a",
        httpHeaderValue2: "$__file{/etc/grafana/secrets/remote-write-header-value}",
      },
    });
    expect(grafana.secretFiles).toEqual([
      { secret: "grafana-admin-password", mountPath: "/etc/grafana/secrets/admin-password" },
      { secret: "prometheus-remote-write-password", mountPath: "/etc/grafana/secrets/remote-write-password" },
      { secret: "prometheus-remote-write-header-value", mountPath: "/etc/grafana/secrets/remote-write-header-value" },
    ]);
  });

  test("a bearer token is its Authorization header", () => {
    const grafana = component({ prometheus: { remoteWrite: { url: URL, queryUrl: QUERY_URL } } }, "grafana", { prometheusRemoteWriteBearerToken: "t" });
    const longTerm = file(grafana, "provisioning/datasources/llmobs.yml").datasources.at(-1);
    expect(longTerm.jsonData.httpHeaderName1).toBe("Authorization");
    expect(longTerm.secureJsonData).toEqual({ httpHeaderValue1: "Bearer $__file{/etc/grafana/secrets/remote-write-bearer-token}" });
    expect(longTerm.basicAuth).toBeUndefined();
  });
});

describe("Grafana on an external database", () => {
  test("GF_DATABASE_* with the password read from its file, MySQL's ssl_mode words, and no volume", () => {
    const grafana = component({ grafana: { database: { type: "mysql", host: "mysql.db:3306", sslMode: "verify-full" } } }, "grafana", { grafanaDatabasePassword: "db-password" });
    expect(grafana.data).toBeUndefined();
    expect(Object.fromEntries(Object.entries(grafana.env).filter(([name]) => name.startsWith("GF_DATABASE")))).toEqual({
      GF_DATABASE_TYPE: "mysql",
      GF_DATABASE_HOST: "mysql.db:3306",
      GF_DATABASE_NAME: "grafana",
      GF_DATABASE_USER: "grafana",
      GF_DATABASE_PASSWORD: "$__file{/etc/grafana/secrets/database-password}",
      GF_DATABASE_SSL_MODE: "true",
    });
    expect(grafana.secretFiles.map((f) => f.secret)).toEqual(["grafana-admin-password", "grafana-database-password"]);
    expect(JSON.stringify(grafana)).not.toContain("db-password");
  });

  test("PostgreSQL takes the mode's own name", () => {
    const grafana = component({ grafana: { database: { type: "postgres", host: "pg" } } }, "grafana", { grafanaDatabasePassword: "p" });
    expect(grafana.env["GF_DATABASE_SSL_MODE"]).toBe("require");
  });
});

describe("Jaeger on a shared store", () => {
  const jaeger = (storage: Record<string, unknown>, secrets: Secrets = {}) => component({ namePrefix: "team-a", jaeger: { storage } }, "jaeger", secrets);
  const backends = (d: ComponentDescription) => {
    const config = file(d, "config.yaml");
    return { config, backends: config.extensions.jaeger_storage.backends };
  };

  test("Elasticsearch: its URLs, the stack's index prefix, the password from password_file; no volume; queries and writes both go there", () => {
    const d = jaeger({ backend: "elasticsearch", servers: ["https://es-0:9200", "https://es-1:9200"], username: "jaeger" }, { jaegerStoragePassword: "p" });
    expect(d.data).toBeUndefined();
    const { config, backends: b } = backends(d);
    expect(b).toEqual({
      elasticsearch_store: {
        elasticsearch: {
          server_urls: ["https://es-0:9200", "https://es-1:9200"],
          indices: { index_prefix: "team-a" },
          auth: { basic: { username: "jaeger", password_file: "/etc/jaeger/secrets/storage-password" } },
        },
      },
    });
    expect(config.extensions.jaeger_query.storage.traces).toBe("elasticsearch_store");
    expect(config.exporters.jaeger_storage_exporter.trace_storage).toBe("elasticsearch_store");
    expect(d.secretFiles).toEqual([{ secret: "jaeger-storage-password", mountPath: "/etc/jaeger/secrets/storage-password" }]);
  });

  test("OpenSearch without a user: no auth, no secret", () => {
    const d = jaeger({ backend: "opensearch", servers: ["http://os:9200"], tls: false, indexPrefix: "traces" });
    expect(backends(d).backends).toEqual({ opensearch_store: { opensearch: { server_urls: ["http://os:9200"], indices: { index_prefix: "traces" } } } });
    expect(d.secretFiles).toEqual([]);
  });

  test("Cassandra: keyspace from the prefix, tables created with the span retention as their TTL, TLS on, the password through ${file:}", () => {
    const d = jaeger({ backend: "cassandra", servers: ["cassandra-0", "cassandra-1:9042"], username: "jaeger" }, { jaegerStoragePassword: "p" });
    expect(backends(d).backends).toEqual({
      cassandra_store: {
        cassandra: {
          schema: { keyspace: "team_a", create: true, trace_ttl: "168h" },
          connection: {
            servers: ["cassandra-0", "cassandra-1:9042"],
            tls: { insecure: false },
            auth: { basic: { username: "jaeger", password: "${file:/etc/jaeger/secrets/storage-password}" } },
          },
        },
      },
    });
  });

  test("ClickHouse: its addresses and database, schema created", () => {
    const d = jaeger({ backend: "clickhouse", servers: ["ch:9000"], tls: false, database: "traces" });
    expect(backends(d).backends).toEqual({ clickhouse_store: { clickhouse: { addresses: ["ch:9000"], database: "traces", create_schema: true } } });
  });
});

test("manifests rendered without their Secrets: a store's Secret is created from the stack's own config", () => {
  const { kubernetes } = parseStackConfig({ values: { target: "kubernetes" }, secrets: {} }, STACK_FACTS);
  expect(createSecretCommand("jaeger-storage-password", kubernetes, "cluster")).toBe(
    "pulumi config get jaegerStoragePassword --stack cluster | tr -d '\\n' | kubectl --namespace llmobs create secret generic jaeger-storage-password --from-file=value=/dev/stdin",
  );
});
