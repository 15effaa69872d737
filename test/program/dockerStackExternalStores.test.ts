import { beforeAll, expect, test } from "vitest";
import { load } from "js-yaml";
import { plainStrings, runProgram, type ProgramRun } from "../support/pulumi/program.ts";

/**
 * The Docker stack on stores outside it: remote write with a bearer token, Jaeger on Cassandra, Grafana on
 * MySQL. A container reaches a store as a pod does, so all of it works on Docker: each credential is a file
 * uploaded into the container that reads it, secret, readable by its user only; no volume for Jaeger or
 * Grafana.
 */
const CONTAINER = "docker:index/container:Container";
const VOLUME = "docker:index/volume:Volume";
const SECRET_VALUES = {
  "llmobs:prometheusRemoteWriteBearerToken": "bearer-token-value",
  "llmobs:jaegerStoragePassword": "cassandra-password-value",
  "llmobs:grafanaDatabasePassword": "mysql-password-value",
};

let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram(
    "program/index.ts",
    {
      "llmobs:target": "docker",
      "llmobs:prometheus": { remoteWrite: { url: "https://victoria.example.com/api/v1/write", send: "all", cluster: "laptop" } },
      "llmobs:jaeger": { storage: { backend: "cassandra", servers: ["host.docker.internal:9042"], tls: false, username: "jaeger" } },
      "llmobs:grafana": { database: { type: "mysql", host: "host.docker.internal:3306", sslMode: "disable" } },
      ...SECRET_VALUES,
    },
    { secretKeys: Object.keys(SECRET_VALUES) },
  );
});

const inputs = (component: string) => run.named(CONTAINER, component).inputs;
const upload = (component: string, file: string) => inputs(component).uploads.find((u: any) => u.file === file);

test("each credential is uploaded as a file its container's user reads, and the health check fails while it cannot", () => {
  const cases = [
    ["prometheus", "/etc/prometheus/secrets/remote-write-bearer-token", "bearer-token-value", "65534", "65534"],
    ["jaeger", "/etc/jaeger/secrets/storage-password", "cassandra-password-value", "10001", "10001"],
    ["grafana", "/etc/grafana/secrets/database-password", "mysql-password-value", "472", "0"],
  ] as const;
  for (const [component, file, content, owner, group] of cases) {
    expect(upload(component, file), component).toMatchObject({ content, permissions: "0440", owner, group });
    expect(inputs(component).healthcheck.tests[1], component).toContain(`test -r ${file}`);
  }
});

test("the config files name the files, never the values", () => {
  const prometheusYml = load(upload("prometheus", "/etc/prometheus/prometheus.yml").content) as any;
  expect(prometheusYml.remote_write[0].authorization).toEqual({ type: "Bearer", credentials_file: "/etc/prometheus/secrets/remote-write-bearer-token" });
  expect(prometheusYml.remote_write[0].write_relabel_configs).toBeUndefined();
  expect(prometheusYml.global.external_labels).toEqual({ cluster: "laptop" });
  const jaegerYml = load(upload("jaeger", "/etc/jaeger/config.yaml").content) as any;
  expect(jaegerYml.extensions.jaeger_storage.backends.cassandra_store.cassandra.connection.auth.basic.password).toBe("${file:/etc/jaeger/secrets/storage-password}");
  expect(inputs("grafana").envs).toEqual(expect.arrayContaining(["GF_DATABASE_TYPE=mysql", "GF_DATABASE_PASSWORD=$__file{/etc/grafana/secrets/database-password}", "GF_DATABASE_SSL_MODE=false"]));
  for (const resource of run.resources) {
    const plain = plainStrings(resource.wireInputs).join("\n");
    for (const value of Object.values(SECRET_VALUES)) expect(plain, `${resource.type} ${resource.name}`).not.toContain(value);
  }
});

test("Jaeger and Grafana have no volume, and reach the Docker host where their stores may run", () => {
  expect(run.ofType(VOLUME).map((v) => v.name).sort()).toEqual(["alertmanager-data", "prometheus-data"]);
  for (const component of ["jaeger", "grafana"]) {
    expect(inputs(component).mounts, component).toEqual([]);
    expect(inputs(component).hosts, component).toEqual([{ host: "host.docker.internal", ip: "host-gateway" }]);
  }
});
