import { beforeAll, describe, expect, test } from "vitest";
import { plainStrings, runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { PINNED_IMAGES } from "../../components/images.ts";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const CONTAINER = "docker:index/container:Container";
const VOLUME = "docker:index/volume:Volume";
const IMAGE = "docker:index/remoteImage:RemoteImage";
const GENERATED_PASSWORD = "generated-password-for-tests";

let run: ProgramRun;

beforeAll(async () => {
  // The defaults of the local stack: nothing set but the target.
  run = await runProgram("program/index.ts", { "llmobs:target": "docker" });
});

describe("the local stack on Docker", () => {
  test("registers the five containers, named after the stack", () => {
    expect(run.ofType(CONTAINER).map((c) => c.inputs.name).sort()).toEqual([
      "llmobs-alertmanager",
      "llmobs-grafana",
      "llmobs-jaeger",
      "llmobs-node-exporter",
      "llmobs-prometheus",
    ]);
  });

  test("pulls the pinned images and runs each container from its image", () => {
    // The demo is off by default (dockerStackDemo.test.ts deploys it).
    for (const [component, image] of Object.entries(PINNED_IMAGES).filter(([component]) => component !== "demo")) {
      const remote = run.named(IMAGE, `${component}-image`);
      expect(remote.inputs.name).toBe(image);
      expect(remote.inputs.keepLocally).toBe(true);
      expect(run.named(CONTAINER, component).inputs.image).toBe(`sha256:${component}-image`);
    }
    expect(PINNED_IMAGES.jaeger).toMatch(/^jaegertracing\/jaeger:2\./);
  });

  test("publishes the seed's ports on 127.0.0.1 only", () => {
    const published = run.ofType(CONTAINER).flatMap((c) =>
      (c.inputs.ports ?? []).map((p: any) => `${c.inputs.name} ${p.ip}:${p.external}->${p.internal}`),
    );
    expect(published.sort()).toEqual([
      "llmobs-alertmanager 127.0.0.1:9093->9093",
      "llmobs-grafana 127.0.0.1:3005->3000",
      "llmobs-jaeger 127.0.0.1:14268->14268",
      "llmobs-jaeger 127.0.0.1:16686->16686",
      "llmobs-jaeger 127.0.0.1:4317->4317",
      "llmobs-jaeger 127.0.0.1:4318->4318",
      "llmobs-prometheus 127.0.0.1:9090->9090",
    ]);
  });

  test("mounts each named volume at its image's data directory, and keeps it on delete", () => {
    const expected: Record<string, string> = { prometheus: "/prometheus", grafana: "/var/lib/grafana", jaeger: "/tmp", alertmanager: "/alertmanager" };
    for (const [component, dataDir] of Object.entries(expected)) {
      const volume = run.named(VOLUME, `${component}-data`);
      expect(volume.inputs.name).toBe(`llmobs-${component}-data`);
      expect(volume.options.retainOnDelete).toBe(true);
      const mounts = run.named(CONTAINER, component).inputs.mounts;
      expect(mounts).toContainEqual({ type: "volume", source: `llmobs-${component}-data`, target: dataDir });
    }
    expect(run.ofType(VOLUME)).toHaveLength(4);
  });

  test("node-exporter reads the host's /proc, /sys and / read-only", () => {
    const exporter = run.named(CONTAINER, "node-exporter").inputs;
    const binds = exporter.mounts.map((m: any) => `${m.source}:${m.target}:${m.readOnly ? "ro" : "rw"}`);
    expect(binds.sort()).toEqual(["/:/host/root:ro", "/proc:/host/proc:ro", "/sys:/host/sys:ro"]);
    // Docker Desktop, WSL2 and rootless Docker refuse any propagation on / ("not a shared or slave mount").
    for (const mount of exporter.mounts) expect(mount.bindOptions).toBeUndefined();
    expect(exporter.command).toEqual(expect.arrayContaining(["--path.procfs=/host/proc", "--path.sysfs=/host/sys", "--path.rootfs=/host/root"]));
  });

  test("ships the rendered config files into the containers, byte for byte", () => {
    const stack = describeStack(parseStackConfig({ values: { target: "docker" }, secrets: {} }, STACK_FACTS));
    for (const component of stack.components) {
      const uploads = run.named(CONTAINER, component.name).inputs.uploads ?? [];
      for (const file of component.configFiles) {
        expect(uploads).toContainEqual({ file: file.mountPath, content: file.content });
      }
    }
    const prometheusUploads = run.named(CONTAINER, "prometheus").inputs.uploads.map((u: any) => u.file);
    expect(prometheusUploads).toEqual(
      expect.arrayContaining([
        "/etc/prometheus/prometheus.yml",
        "/etc/prometheus/rules/llm-recording.yml",
        "/etc/prometheus/rules/llm-alerts.yml",
        "/etc/prometheus/rules/llm-slo.yml",
        "/etc/prometheus/rules/stack-health.yml",
      ]),
    );
    expect(run.named(CONTAINER, "grafana").inputs.uploads.map((u: any) => u.file)).toEqual(
      expect.arrayContaining(["/etc/grafana/dashboards/llm-usage.json", "/etc/grafana/dashboards/llm-performance.json", "/etc/grafana/dashboards/host.json"]),
    );
    // No webhook URL is set: Alertmanager gets no secret file.
    expect(run.named(CONTAINER, "alertmanager").inputs.uploads.map((u: any) => u.file)).toEqual(["/etc/alertmanager/alertmanager.yml"]);
    expect(run.named(CONTAINER, "jaeger").inputs.uploads.map((u: any) => u.file)).toEqual(["/etc/jaeger/config.yaml"]);
  });

  test("gives every container a health check, a restart policy and a place on the private network", () => {
    for (const container of run.ofType(CONTAINER)) {
      const inputs = container.inputs;
      expect(healthCommand(inputs)).toMatch(/wget -q --spider -T \d+ http:\/\/127\.0\.0\.1:\d+\/\S*$/);
      expect(inputs.restart).toBe("unless-stopped");
      expect(inputs.wait).toBe(true);
      expect(inputs.networksAdvanced).toEqual([{ name: "llmobs-net", aliases: [container.name] }]);
      expect(container.options.deleteBeforeReplace).toBe(true);
    }
    expect(healthUrl(run.named(CONTAINER, "prometheus").inputs)).toBe("http://127.0.0.1:9090/-/healthy");
    expect(healthUrl(run.named(CONTAINER, "grafana").inputs)).toBe("http://127.0.0.1:3000/api/health");
    expect(healthUrl(run.named(CONTAINER, "jaeger").inputs)).toBe("http://127.0.0.1:13133/status");
    expect(healthUrl(run.named(CONTAINER, "alertmanager").inputs)).toBe("http://127.0.0.1:9093/-/healthy");
  });

  test("a container that reads a secret file is healthy only while it can read it", () => {
    const grafana = run.named(CONTAINER, "grafana").inputs;
    expect(grafana.healthcheck.tests[0]).toBe("CMD-SHELL");
    expect(healthCommand(grafana)).toMatch(/^\{ test -r \/etc\/grafana\/secrets\/admin-password \|\| \{ echo "cannot read the secret file/);
    // Without secrets, no shell is needed.
    expect(run.named(CONTAINER, "prometheus").inputs.healthcheck.tests[0]).toBe("CMD");
  });

  test("Prometheus can reach the LLM service on the Docker host and accepts OTLP metrics", () => {
    const prometheus = run.named(CONTAINER, "prometheus").inputs;
    expect(prometheus.hosts).toEqual([{ host: "host.docker.internal", ip: "host-gateway" }]);
    expect(prometheus.command).toEqual(
      expect.arrayContaining(["--web.enable-otlp-receiver", "--storage.tsdb.retention.time=15d", "--storage.tsdb.retention.size=10GB"]),
    );
  });

  test("a reset replaces the container with its volume", () => {
    for (const component of ["prometheus", "grafana", "jaeger", "alertmanager"]) {
      const container = run.named(CONTAINER, component);
      expect(container.options.replaceWith).toEqual([expect.stringContaining(`docker:index/volume:Volume::${component}-data`)]);
      expect(run.named(VOLUME, `${component}-data`).options.replacementTrigger).toBe(0);
    }
  });

  test("Grafana: no anonymous access, no sign-up, password from a secret file Grafana itself must read", () => {
    const grafana = run.named(CONTAINER, "grafana");
    expect(grafana.inputs.envs).toEqual(
      expect.arrayContaining([
        "GF_AUTH_ANONYMOUS_ENABLED=false",
        "GF_USERS_ALLOW_SIGN_UP=false",
        "GF_SECURITY_ADMIN_USER=admin",
        // Grafana's own expansion fails its start when the file is unreadable; the image's __FILE does not.
        "GF_SECURITY_ADMIN_PASSWORD=$__file{/etc/grafana/secrets/admin-password}",
      ]),
    );
    expect(grafana.inputs.envs.join("\n")).not.toContain("__FILE=");
    const secretUpload = grafana.inputs.uploads.find((u: any) => u.file === "/etc/grafana/secrets/admin-password");
    expect(secretUpload).toMatchObject({ content: GENERATED_PASSWORD, permissions: "0440", owner: "472", group: "0" });
    // Grafana's group is already root's, which a root-owned file falls back to.
    expect(grafana.inputs.groupAdds).toBeUndefined();
  });

  test("the generated password appears in no resource input except as a secret", () => {
    expect(run.ofType("random:index/randomPassword:RandomPassword")).toHaveLength(1);
    for (const resource of run.resources) {
      expect(plainStrings(resource.wireInputs).filter((s) => s.includes(GENERATED_PASSWORD)), `${resource.type} ${resource.name}`).toEqual([]);
    }
    // ...and it is there, as a secret, where Grafana reads it.
    expect(JSON.stringify(run.named(CONTAINER, "grafana").wireInputs)).toContain(GENERATED_PASSWORD);
  });

  test("outputs every URL, the admin user, and the password as a secret", async () => {
    expect(run.outputs).toMatchObject({
      grafanaUrl: "http://localhost:3005",
      grafanaAdminUser: "admin",
      prometheusUrl: "http://localhost:9090",
      prometheusOtlpMetricsUrl: "http://localhost:9090/api/v1/otlp/v1/metrics",
      jaegerUrl: "http://localhost:16686",
      otlpGrpcEndpoint: "http://localhost:4317",
      otlpHttpEndpoint: "http://localhost:4318",
      jaegerCollectorUrl: "http://localhost:14268/api/traces",
      alertmanagerUrl: "http://localhost:9093",
      grafanaPasswordCommand: "pulumi stack output grafanaAdminPassword --show-secrets --stack local",
    });
    expect(run.outputs.grafanaAdminPassword).toBe(GENERATED_PASSWORD);
    expect(run.secretOutputs).toContain("grafanaAdminPassword");
  });

  test("outputs nothing that is only the cluster's: an undefined output makes Pulumi warn on every run", () => {
    for (const name of ["portForwardCommands", "kubernetesNamespace", "renderedManifests", "secretCommands"]) expect(run.outputs).not.toHaveProperty(name);
    expect(Object.values(run.outputs)).not.toContain(undefined);
  });
});

/** The health check's command line as one string. */
function healthCommand(inputs: any): string {
  const tests: string[] = inputs.healthcheck.tests;
  return tests[0] === "CMD-SHELL" ? tests[1]! : tests.slice(1).join(" ");
}

function healthUrl(inputs: any): string {
  return healthCommand(inputs).split(" ").at(-1)!;
}
