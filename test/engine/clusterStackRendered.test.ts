/**
 * The engine lane: the program and the data commands under the real Pulumi engine (the CLI, its Node.js
 * language host and the Kubernetes provider `npm run tools` built), on a fresh copy of the project, the
 * cluster stack rendered to manifests (there is no cluster here), state in the copy's own file backend
 * under a passphrase. The steps build on each other, in order, as a user takes them.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { existsSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { dump, load } from "js-yaml";
import { changedFiles, EngineProject, NetworkTrap } from "../support/pulumi/engine.ts";
import { renderedManifestFile, withoutEmptyLists } from "../support/pulumi/renderedManifests.ts";
import { runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { K8S, stackFileConfig } from "../support/kubernetes/programRun.ts";
import { readmeConfigSetCommands, readmePortForwardCommands } from "../support/pulumi/readmeCommands.ts";
import { pulumiConfigSetPath } from "../support/pulumi/configSet.ts";
import { DECLARED_STAND_INS } from "../../cli/tools/standIns.ts";

const STACK = "cluster";
const RENDERED = "rendered/cluster";
const MANIFESTS = `${RENDERED}/1-manifest`;
const PASSWORD = "engine-lane-grafana-password";
/** Each step runs Pulumi once or twice; a cold step under load takes a while. */
const STEP = 180_000;

let trap: NetworkTrap;
let project: EngineProject;
/** The same program and config under Pulumi's mocks, to hold the engine's output against. */
let mocked: ProgramRun;

/** The manifest files, keyed by name under 1-manifest/. */
function manifests(): Map<string, string> {
  return new Map([...project.files(RENDERED)].filter(([file]) => file.startsWith("1-manifest/")).map(([file, hash]) => [file.slice(11), hash]));
}

function manifest(file: string): any {
  return load(readFileSync(join(project.dir, MANIFESTS, file), "utf8"));
}

function stackFile(): { config: Record<string, unknown>; encryptionsalt?: string } {
  return load(project.read(`stacks/Pulumi.${STACK}.yaml`)) as { config: Record<string, unknown> };
}

/** Every "error:" line Pulumi printed. */
function errorLines(output: string): string[] {
  return output.split("\n").filter((line) => /\berror:/.test(line));
}

let afterFirstUp: Map<string, string>;
let afterReset: Map<string, string>;

beforeAll(async () => {
  trap = await NetworkTrap.start();
  project = new EngineProject("engine-lane-passphrase", trap);
  // Rendering is turned on in the stack file, as README.md ("Render the cluster stack to manifests") says.
  project.replace(`stacks/Pulumi.${STACK}.yaml`, "  llmobs:target: kubernetes\n", `  llmobs:target: kubernetes\n  llmobs:kubernetes:\n    render:\n      directory: ${RENDERED}\n`);
  const config = stackFileConfig(STACK);
  mocked = await runProgram(
    "program/index.ts",
    {
      ...config,
      "llmobs:kubernetes": { ...(config["llmobs:kubernetes"] as object), render: { directory: RENDERED } },
      "llmobs:grafanaAdminPassword": PASSWORD,
    },
    { stack: STACK, secretKeys: ["llmobs:grafanaAdminPassword"] },
  );
}, STEP);

afterAll(async () => {
  await trap?.close();
  project?.remove();
});

describe.sequential("the cluster stack rendered to manifests, under the real Pulumi engine", () => {
  test(
    "npm run up on a fresh clone creates the state folder and the stack; with no Grafana password set the program needs " +
      "pulumi-resource-random, which cannot be built here, and that is the only error",
    async () => {
      expect(existsSync(join(project.dir, ".pulumi-state"))).toBe(false);
      const up = await project.npm("up", ["--stack", STACK, "--yes"]);
      expect(up.status, up.output).not.toBe(0);
      expect(up.stdout).toContain("Created the state directory");
      const stacks = await project.pulumi(["stack", "ls", "--json"]);
      expect(JSON.parse(stacks.stdout).map((s: { name: string }) => s.name)).toEqual([STACK]);
      const errors = errorLines(up.output);
      expect(errors.length, up.output).toBeGreaterThan(0);
      for (const line of errors) expect(line, up.output).toMatch(/no resource plugin 'pulumi-resource-random' found|preview failed|update failed/);
      expect(existsSync(join(project.dir, RENDERED)), "nothing is rendered before the preview passes").toBe(false);
    },
    STEP,
  );

  test(
    "with the password set as a secret, npm run up registers every object and renders each, as the mocks registered it",
    async () => {
      const set = await project.pulumi(["config", "set", "--secret", "llmobs:grafanaAdminPassword", PASSWORD, "--stack", STACK]);
      expect(set.status, set.output).toBe(0);
      expect(project.read(`stacks/Pulumi.${STACK}.yaml`)).not.toContain(PASSWORD);

      const up = await project.npm("up", ["--stack", STACK, "--yes"]);
      expect(up.status, up.output).toBe(0);
      expect(errorLines(up.output)).toEqual([]);
      // An output left undefined would be warned about on every run.
      expect(up.output).not.toContain("Undefined value");
      // The declared stand-in for the Kubernetes provider, as the CLI sees it.
      const kubernetesStandIn = DECLARED_STAND_INS.find((standIn) => standIn.dir === "pulumi-resource-kubernetes")!;
      expect(up.output).toContain(`resource plugin kubernetes is expected to have version >=${kubernetesStandIn.pinned.split(" ")[1]}, but has ${kubernetesStandIn.builds}`);
      // The Secret is left out, loudly, with the command that creates it.
      expect(up.output).toContain("The Secrets grafana-admin-password are not in the rendered manifests");
      expect(up.stdout).toContain(`The stack is rendered to ${MANIFESTS}/`);

      afterFirstUp = manifests();
      const objects = mocked.resources.filter((r) => r.type.startsWith("kubernetes:"));
      expect(objects.filter((r) => r.type === K8S.secret)).toEqual([]);
      expect([...afterFirstUp.keys()].sort()).toEqual(
        objects.map((r) => renderedManifestFile(r.inputs.apiVersion, r.inputs.kind, r.inputs.metadata.namespace ?? "default", r.inputs.metadata.name)).sort(),
      );
      for (const object of objects) {
        const { apiVersion, kind, metadata } = object.inputs;
        expect(manifest(renderedManifestFile(apiVersion, kind, metadata.namespace ?? "default", metadata.name)), `${kind} ${metadata.name}`).toEqual(
          withoutEmptyLists(object.inputs),
        );
      }
      for (const file of afterFirstUp.keys()) expect(readFileSync(join(project.dir, MANIFESTS, file), "utf8")).not.toContain(PASSWORD);
    },
    STEP,
  );

  test(
    "the stack outputs are the README's: its port-forward commands, in-cluster telemetry addresses, the password, the directory and the Secret's command",
    async () => {
      const outputs = await project.pulumi(["stack", "output", "--json", "--show-secrets", "--stack", STACK]);
      expect(outputs.status, outputs.output).toBe(0);
      const values = JSON.parse(outputs.stdout);
      expect(Object.values(values.portForwardCommands).sort()).toEqual(readmePortForwardCommands().sort());
      expect(values.otlpGrpcEndpoint).toBe("http://jaeger.llmobs.svc:4317");
      expect(values.grafanaAdminPassword).toBe(PASSWORD);
      expect(values.renderedManifests).toBe(RENDERED);
      expect(Object.keys(values.secretCommands)).toEqual(["grafana-admin-password"]);
      // Every other output as the mocks resolved it.
      const { grafanaAdminPassword: _, ...plain } = values;
      expect(plain).toEqual(Object.fromEntries(Object.entries(mocked.outputs).filter(([key, value]) => key !== "grafanaAdminPassword" && value !== undefined)));
    },
    STEP,
  );

  test(
    "a second npm run up changes nothing: no diff, every manifest byte for byte the same",
    async () => {
      const up = await project.npm("up", ["--stack", STACK, "--yes", "--expect-no-changes"]);
      expect(up.status, up.output).toBe(0);
      expect(manifests()).toEqual(afterFirstUp);
    },
    STEP,
  );

  test(
    "npm run data -- reset grafana --yes, through the Automation API: only Grafana's claim and Deployment are replaced, the epoch lands in the stack file",
    async () => {
      const reset = await project.npm("data", ["reset", "grafana", "--yes", "--stack", STACK]);
      expect(reset.status, reset.output).toBe(0);
      afterReset = manifests();
      expect(changedFiles(afterFirstUp, afterReset)).toEqual({
        added: ["v1-persistentvolumeclaim-llmobs-llmobs-grafana-data-1.yaml"],
        // Pulumi keeps the replaced claim (retainOnDelete); the data command deletes its manifest.
        removed: ["v1-persistentvolumeclaim-llmobs-llmobs-grafana-data.yaml"],
        changed: ["apps_v1-deployment-llmobs-grafana.yaml"],
      });
      expect(manifest("apps_v1-deployment-llmobs-grafana.yaml").spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe("llmobs-grafana-data-1");
      expect(stackFile().config["llmobs:dataEpochs"]).toEqual({ grafana: 1 });
    },
    STEP,
  );

  test(
    "npm run data -- clean alertmanager --yes removes exactly Alertmanager's objects and its claim",
    async () => {
      const clean = await project.npm("data", ["clean", "alertmanager", "--yes", "--stack", STACK]);
      expect(clean.status, clean.output).toBe(0);
      const { added, removed, changed } = changedFiles(afterReset, manifests());
      expect({ added, changed }).toEqual({ added: [], changed: [] });
      expect(removed).toEqual([...afterReset.keys()].filter((file) => /-llmobs-alertmanager(-config-\w+|-data)?\.yaml$/.test(file)).sort());
      expect(removed.length).toBe(4);
      const state = await project.pulumi(["stack", "export", "--stack", STACK]);
      expect(state.stdout).not.toMatch(/::alertmanager/);
    },
    STEP,
  );

  test(
    "pulumi destroy keeps the namespace and the claims, and the next up takes them back without a conflict",
    async () => {
      const destroy = await project.pulumi(["destroy", "--yes", "--stack", STACK]);
      expect(destroy.status, destroy.output).toBe(0);
      const kept = [...manifests().keys()];
      expect(kept.sort()).toEqual([...afterReset.keys()].filter((file) => /^v1-namespace-default-llmobs\.yaml$|^v1-persistentvolumeclaim-/.test(file) && !file.includes("alertmanager")).sort());

      const up = await project.npm("up", ["--stack", STACK, "--yes"]);
      expect(up.status, up.output).toBe(0);
      expect(errorLines(up.output)).toEqual([]);
      // Everything back as it was before the clean, the kept objects byte for byte.
      expect(manifests()).toEqual(afterReset);
    },
    STEP,
  );

  test(
    "pulumi config set --path for a decimal threshold and a CPU quantity, as the README writes them: the CLI stores them as the tests' stand-in says, and the next up takes them",
    async () => {
      const commands = readmeConfigSetCommands();
      const decimal = commands.find((c) => c.key === "llmobs:thresholds.errorRatePercent" && c.value === "0.5");
      const cpu = commands.find((c) => c.key === "llmobs:kubernetes.resources.prometheus.cpuLimit" && c.value === "2");
      expect(decimal && cpu, "the README's --path commands for a decimal and a CPU quantity").toBeTruthy();
      const expected = structuredClone(stackFile().config);
      for (const command of [decimal!, cpu!]) {
        // The decimal example is written for the local stack; the threshold is the same key on this one.
        const set = await project.pulumi(["config", "set", "--path", command.key, command.value, "--stack", STACK]);
        expect(set.status, set.output).toBe(0);
        pulumiConfigSetPath(expected, command.key, command.value);
      }
      expect(stackFile().config).toEqual(expected);
      expect((stackFile().config["llmobs:thresholds"] as Record<string, unknown>)["errorRatePercent"]).toBe("0.5");

      const up = await project.npm("up", ["--stack", STACK, "--yes"]);
      expect(up.status, up.output).toBe(0);
      expect(manifest("apps_v1-deployment-llmobs-prometheus.yaml").spec.template.spec.containers[0].resources.limits.cpu).toBe("2");
      const rules = [...manifests().keys()].find((file) => file.startsWith("v1-configmap-llmobs-prometheus-config-"))!;
      // The error-rate warning compares the failed share with 0.5% (the default is 1%).
      expect(dump(manifest(rules))).toMatch(/\) > 0\.005 and on \(/);
    },
    STEP,
  );

  test(
    "a new render directory: npm run up refuses until the files are moved there (Pulumi would update the provider alone), then takes it with no object changed",
    async () => {
      const before = manifests();
      const moved = "rendered/elsewhere";
      const set = await project.pulumi(["config", "set", "--path", "llmobs:kubernetes.render.directory", moved, "--stack", STACK]);
      expect(set.status, set.output).toBe(0);
      const refused = await project.npm("up", ["--stack", STACK, "--yes"]);
      expect(refused.status, refused.output).not.toBe(0);
      expect(refused.output).toContain(`Move the directory first (\`mv ${RENDERED} ${moved}\``);
      expect(existsSync(join(project.dir, moved))).toBe(false);

      renameSync(join(project.dir, RENDERED), join(project.dir, moved));
      const up = await project.npm("up", ["--stack", STACK, "--yes"]);
      expect(up.status, up.output).toBe(0);
      expect(up.output).toMatch(/pulumi:providers:kubernetes kubernetes updated/);
      expect(up.output).toMatch(/1 updated\s+\d+ unchanged/);
      expect(new Map([...project.files(moved)].filter(([file]) => file.startsWith("1-manifest/")).map(([file, hash]) => [file.slice(11), hash]))).toEqual(before);
    },
    STEP,
  );

  test("nothing reached for the network, and Pulumi's plugin cache is still empty: every plugin came from PATH", () => {
    expect(trap.attempts).toEqual([]);
    expect(project.pluginCache()).toEqual([]);
  });

  test(
    "the trap would have seen it: asked to download a plugin, the CLI's requests go through it",
    async () => {
      const install = await project.pulumi(["plugin", "install", "resource", "random", "4.21.2"]);
      expect(install.status, install.output).not.toBe(0);
      expect(trap.attempts.length, install.output).toBeGreaterThan(0);
      expect(trap.attempts.every((line) => line.startsWith("CONNECT "))).toBe(true);
    },
    STEP,
  );
});
