import { beforeAll, describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dump, load } from "js-yaml";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { JAEGER_PORTS } from "../../components/jaeger/jaegerConfig.ts";
import { componentOf } from "../../cli/local/prometheus.ts";
import { localConfig } from "../../cli/local/startComponent.ts";
import { freePort } from "../../cli/local/processes.ts";
import { requireTool } from "../../cli/tools/installed.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";
import type { JaegerStorageBackend } from "../../config/jaegerStorageSchema.ts";

/**
 * Jaeger's rendered config for each shared store, checked by the pinned Jaeger itself: `jaeger validate`
 * decodes every option against the Go structs of its storage backends (an unknown key fails it), and
 * `print-config` shows the password it reads from the secret file. Started against a store that does not
 * answer, Jaeger stops at once with an error naming the store, instead of running without one.
 */
const dir = mkdtempSync(join(tmpdir(), "llmobs-jaeger-storage-"));
const PASSWORD = "s3cret-Passw0rd $x #y";
const passwordFile = join(dir, "storage-password");

const STORES: Record<JaegerStorageBackend, (port: number) => Record<string, unknown>> = {
  elasticsearch: (port) => ({ backend: "elasticsearch", servers: [`http://127.0.0.1:${port}`], tls: false, username: "jaeger", indexPrefix: "team-a" }),
  opensearch: (port) => ({ backend: "opensearch", servers: [`http://127.0.0.1:${port}`], tls: false, username: "jaeger" }),
  cassandra: (port) => ({ backend: "cassandra", servers: [`127.0.0.1:${port}`], tls: false, username: "jaeger", keyspace: "team_a" }),
  clickhouse: (port) => ({ backend: "clickhouse", servers: [`127.0.0.1:${port}`], tls: false, username: "jaeger" }),
};

/** Jaeger's config for a store at a loopback port nobody listens on, every listen address on a loopback port of its own. */
async function renderedConfig(backend: JaegerStorageBackend): Promise<{ file: string; document: any }> {
  const config = parseStackConfig({ values: { jaeger: { storage: STORES[backend](await freePort()) } }, secrets: { jaegerStoragePassword: PASSWORD } }, STACK_FACTS);
  const stack = describeStack(config, { secretPath: () => passwordFile });
  const jaeger = componentOf(stack, "jaeger");
  const ports: Record<number, number> = {};
  for (const port of Object.values(JAEGER_PORTS)) ports[port] = await freePort();
  const document = localConfig(jaeger, { renderDir: dir, ports }, load(jaeger.configFiles[0]!.content)) as any;
  document.extensions.jaeger_query = {
    ...document.extensions.jaeger_query,
    http: { endpoint: `127.0.0.1:${ports[JAEGER_PORTS.ui]}` },
    grpc: { endpoint: `127.0.0.1:${await freePort()}` },
  };
  const file = join(dir, backend, "config.yaml");
  mkdirSync(join(dir, backend), { recursive: true });
  writeFileSync(file, dump(document, { lineWidth: -1, noRefs: true }));
  return { file, document };
}

function jaeger(args: string[]): { status: number | null; stdout: string; output: string } {
  const result = spawnSync(requireTool("jaeger"), args, { encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}` };
}

const rendered = {} as Record<JaegerStorageBackend, { file: string; document: any }>;

beforeAll(async () => {
  writeFileSync(passwordFile, PASSWORD);
  for (const backend of Object.keys(STORES) as JaegerStorageBackend[]) rendered[backend] = await renderedConfig(backend);
});

describe.each(Object.keys(STORES) as JaegerStorageBackend[])("Jaeger on %s", (backend) => {
  test("the rendered config passes jaeger validate: every option is one the pinned Jaeger's backend defines", () => {
    const { status, output } = jaeger(["validate", `--config=${rendered[backend].file}`]);
    expect(status, output).toBe(0);
  });

  test("the password Jaeger reads is the secret file's content, exactly", () => {
    const { status, stdout, output } = jaeger(["print-config", "--mode=unredacted", `--config=${rendered[backend].file}`]);
    expect(status, output).toBe(0);
    const printed = load(stdout) as any;
    const store = printed.extensions.jaeger_storage.backends[`${backend}_store`][backend];
    const basic = backend === "cassandra" ? store.connection.auth.basic : store.auth.basic;
    expect(basic.username).toBe("jaeger");
    // Elasticsearch and OpenSearch read the file themselves, at start and on change; the others get its content.
    if (backend === "elasticsearch" || backend === "opensearch") expect(basic.password_file).toBe(passwordFile);
    else expect(basic.password).toBe(PASSWORD);
  });

  test("against a store that does not answer, Jaeger stops with an error that names the store", () => {
    const started = Date.now();
    const { status, output } = jaeger([`--config=${rendered[backend].file}`]);
    expect(status, output).not.toBe(0);
    expect(output).toContain(`failed to initialize storage '${backend}_store'`);
    expect(output).toMatch(backend === "cassandra" ? /gocql: unable to create session/ : new RegExp(backend === "clickhouse" ? "ClickHouse" : "Elasticsearch", "i"));
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

test("jaeger validate has teeth: an option the backend does not define fails it", () => {
  const { document } = rendered.elasticsearch;
  const misspelt = structuredClone(document);
  misspelt.extensions.jaeger_storage.backends.elasticsearch_store.elasticsearch.index_prefix = "team-a";
  const file = join(dir, "misspelt.yaml");
  writeFileSync(file, dump(misspelt));
  const { status, output } = jaeger(["validate", `--config=${file}`]);
  expect(status).not.toBe(0);
  expect(output).toContain("'elasticsearch' has invalid keys: index_prefix");
});
