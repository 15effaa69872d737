/**
 * The engine lane, for the cluster-ha example stack (issue 20): the user's steps on a fresh copy under the
 * real Pulumi engine, rendered to manifests with the Secrets written too (kubernetes.render.secrets:
 * plaintext), so the test sees where every secret value lands. The stack file holds no secrets; its
 * comments give the commands that set them, and those commands, as written, are the ones run here.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { EngineProject, NetworkTrap } from "../support/pulumi/engine.ts";
import { renderedManifestFile, withoutEmptyLists } from "../support/pulumi/renderedManifests.ts";
import { runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { stackFileConfig } from "../support/kubernetes/programRun.ts";

const STACK = "cluster-ha";
const RENDERED = "rendered/cluster-ha";
const MANIFESTS = `${RENDERED}/1-manifest`;
const NAMESPACE = "llmobs-ha";
const GRAFANA_PASSWORD = "engine-lane-ha-grafana-admin";
/** A distinct value for each secret the stack file's comments set, by config key. */
const VALUES: Record<string, string> = {
  "llmobs:prometheusRemoteWritePassword": "engine-lane-ha-remote-write",
  "llmobs:jaegerStoragePassword": "engine-lane-ha-opensearch",
  "llmobs:grafanaDatabasePassword": "engine-lane-ha-postgres",
};
const STEP = 180_000;

let trap: NetworkTrap;
let project: EngineProject;
let mocked: ProgramRun;

/** The stack file's `pulumi config set --secret` commands, from its comments, as words. */
function stackFileSecretCommands(text: string): string[][] {
  return [...text.matchAll(/^#\s+(pulumi config set --secret .*?)\s*$/gm)].map(([, line]) =>
    [...line!.matchAll(/'([^']*)'|(\S+)/g)].map(([, quoted, word]) => quoted ?? word!),
  );
}

/** Each rendered manifest, parsed, keyed by file name. */
function manifests(): Map<string, any> {
  const dir = join(project.dir, MANIFESTS);
  return new Map([...project.files(MANIFESTS)].map(([file]) => [file, load(readFileSync(join(dir, file), "utf8"))]));
}

/** The provider leaves empty lists out of what it writes, and writes a Secret's stringData as data (base64). */
function asRendered(value: any): unknown {
  if (value.kind !== "Secret" || !value.stringData) return withoutEmptyLists(value);
  const { stringData, ...rest } = value;
  const data = Object.fromEntries(Object.entries(stringData).map(([k, v]) => [k, Buffer.from(v as string, "utf8").toString("base64")]));
  return withoutEmptyLists({ ...rest, data: { ...rest.data, ...data } });
}

function errorLines(output: string): string[] {
  return output.split("\n").filter((line) => /\berror:/.test(line));
}

beforeAll(async () => {
  trap = await NetworkTrap.start();
  project = new EngineProject("engine-lane-ha-passphrase", trap);
  const render = { directory: RENDERED, secrets: "plaintext" };
  project.replace(
    `stacks/Pulumi.${STACK}.yaml`,
    `    namespace: ${NAMESPACE}\n`,
    `    namespace: ${NAMESPACE}\n    render:\n      directory: ${RENDERED}\n      secrets: plaintext\n`,
  );
  const config = stackFileConfig(STACK);
  mocked = await runProgram(
    "program/index.ts",
    {
      ...config,
      "llmobs:kubernetes": { ...(config["llmobs:kubernetes"] as object), render },
      "llmobs:grafanaAdminPassword": GRAFANA_PASSWORD,
      ...VALUES,
    },
    { stack: STACK, secretKeys: ["llmobs:grafanaAdminPassword", ...Object.keys(VALUES)] },
  );
}, STEP);

afterAll(async () => {
  await trap?.close();
  project?.remove();
});

describe.sequential("the cluster-ha stack, the user's steps under the real Pulumi engine, rendered to manifests", () => {
  test(
    "before the secrets are set, npm run up creates the stack and refuses, and pulumi up (the program) refuses, each naming every missing secret; nothing changes",
    async () => {
      const up = await project.npm("up", ["--stack", STACK, "--yes"]);
      expect(up.status, up.output).not.toBe(0);
      // Refused after the stack is created: `pulumi config set --secret --stack` needs it to exist.
      expect(up.output).toContain(`The stack "${STACK}" needs secrets that are not set; nothing was deployed`);
      const direct = await project.pulumi(["up", "--stack", STACK, "--yes"]);
      expect(direct.status, direct.output).not.toBe(0);
      for (const key of Object.keys(VALUES)) {
        expect(up.output).toContain(key);
        expect(direct.output).toContain(key);
      }
      expect(existsSync(join(project.dir, RENDERED)), "nothing rendered").toBe(false);
      const state = await project.pulumi(["stack", "export", "--stack", STACK]);
      expect(state.status, state.output).toBe(0);
      expect(JSON.parse(state.stdout).deployment.resources ?? []).toEqual([]);
    },
    STEP,
  );

  test(
    "the stack file's commands set its three secrets, encrypted; with a Grafana password, npm run up renders every object as the mocks registered it",
    async () => {
      const commands = stackFileSecretCommands(project.read(`stacks/Pulumi.${STACK}.yaml`));
      expect(commands.map((words) => words[4]).sort()).toEqual(Object.keys(VALUES).sort());
      for (const [pulumi, ...args] of commands) {
        expect(pulumi).toBe("pulumi");
        const set = await project.pulumi(args.map((word) => (word === "<password>" ? VALUES[args[3]!]! : word)));
        expect(set.status, set.output).toBe(0);
      }
      const admin = await project.pulumi(["config", "set", "--secret", "llmobs:grafanaAdminPassword", GRAFANA_PASSWORD, "--stack", STACK]);
      expect(admin.status, admin.output).toBe(0);
      const stackFile = project.read(`stacks/Pulumi.${STACK}.yaml`);
      for (const value of [GRAFANA_PASSWORD, ...Object.values(VALUES)]) expect(stackFile).not.toContain(value);

      const up = await project.npm("up", ["--stack", STACK, "--yes"]);
      expect(up.status, up.output).toBe(0);
      expect(errorLines(up.output)).toEqual([]);
      expect(up.output).not.toContain("Undefined value");

      const rendered = manifests();
      const objects = mocked.resources.filter((r) => r.type.startsWith("kubernetes:"));
      const files = objects.map((r) => renderedManifestFile(r.inputs.apiVersion, r.inputs.kind, r.inputs.metadata.namespace ?? "default", r.inputs.metadata.name));
      expect([...rendered.keys()].sort()).toEqual(files.sort());
      for (const object of objects) {
        const { apiVersion, kind, metadata } = object.inputs;
        expect(rendered.get(renderedManifestFile(apiVersion, kind, metadata.namespace ?? "default", metadata.name)), `${kind} ${metadata.name}`).toEqual(asRendered(object.inputs));
      }
    },
    STEP,
  );

  test("StatefulSets with claim templates and headless Services for Alertmanager (3) and Prometheus (2), their PodDisruptionBudgets, Jaeger and Grafana as Deployments of 2 without a claim", () => {
    const rendered = manifests();
    const get = (kind: string, apiVersion: string, name: string) => rendered.get(renderedManifestFile(apiVersion, kind, NAMESPACE, name));
    for (const [name, replicas] of [["alertmanager", 3], ["prometheus", 2]] as const) {
      const set = get("StatefulSet", "apps/v1", name);
      expect(set?.spec.replicas, name).toBe(replicas);
      expect(set.spec.volumeClaimTemplates.length, name).toBeGreaterThan(0);
      const headless = get("Service", "v1", set.spec.serviceName);
      expect(headless?.spec.clusterIP, name).toBe("None");
      expect(get("PodDisruptionBudget", "policy/v1", name), name).toBeDefined();
    }
    for (const name of ["jaeger", "grafana"]) {
      const deployment = get("Deployment", "apps/v1", name);
      expect(deployment?.spec.replicas, name).toBe(2);
      expect(deployment.spec.template.spec.volumes?.some((v: any) => v.persistentVolumeClaim) ?? false, name).toBe(false);
    }
    expect([...rendered.values()].filter((m) => m.kind === "PersistentVolumeClaim").map((m) => m.metadata.name)).toEqual([]);
  });

  test("each secret value is in a Secret's data, base64, and its plain value in no rendered file", () => {
    const secretFiles = [...manifests()].filter(([, m]) => m.kind === "Secret");
    const inSecrets = secretFiles.flatMap(([, m]) => Object.values(m.data ?? {}).map((v) => Buffer.from(v as string, "base64").toString("utf8")));
    const values = [GRAFANA_PASSWORD, ...Object.values(VALUES)];
    expect(inSecrets.sort()).toEqual([...values].sort());
    for (const [file] of project.files(RENDERED)) {
      const text = readFileSync(join(project.dir, RENDERED, file), "utf8");
      for (const value of values) expect(text, file).not.toContain(value);
    }
  });

  test("nothing reached for the network; every plugin came from PATH", () => {
    expect(trap.attempts).toEqual([]);
    expect(project.pluginCache()).toEqual([]);
  });
});
