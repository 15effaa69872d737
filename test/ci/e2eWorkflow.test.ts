import { describe, expect, test } from "vitest";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../support/cli/runScript.ts";
import { allSteps, loadWorkflow, runStep, stepWithId, workflowText, type WorkflowStep } from "../support/github/workflow.ts";
import { LABELS } from "../../targets/docker/naming.ts";
import { parseStackConfig } from "../../config/parse.ts";
import { LAYERS } from "../support/repository/layers.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const PATH = ".github/workflows/e2e.yml";
const workflow = loadWorkflow(PATH);
const steps = allSteps(workflow);
const scripts = steps.map((step) => step.run).filter((text): text is string => typeof text === "string");
const packageScripts = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const indexOf = (predicate: (step: WorkflowStep) => boolean) => steps.findIndex(predicate);
const runs = (text: string) => (step: WorkflowStep) => step.run?.includes(text) ?? false;

describe(PATH, () => {
  test("runs on pushes to main and on pull requests that touch the stack, with read-only permissions", () => {
    // Every folder the program and the commands are built from: all layers but the synthetic workload and the tests.
    const stackFolders = LAYERS.map((layer) => `${layer.folder}/**`).filter((path) => !["synthetic/**", "test/**"].includes(path));
    expect(workflow.on).toMatchObject({ push: { branches: ["main"] }, pull_request: { paths: expect.arrayContaining([...stackFolders, "Pulumi.yaml"]) } });
    expect(workflow.permissions).toEqual({ contents: "read" });
    for (const step of steps) expect(Boolean(step.run) !== Boolean(step.uses), JSON.stringify(step)).toBe(true);
  });

  test("pins every action to a commit, with the version beside it", () => {
    const uses = workflowText(PATH).split("\n").filter((line) => /^\s*uses:/.test(line));
    expect(uses.length).toBe(steps.filter((step) => step.uses).length);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  test("installs the Pulumi CLI at the version package.json pins, and nothing else with it", () => {
    const install = steps.find((step) => step.uses?.startsWith("pulumi/actions@"))!;
    expect(install.with).toEqual({ "pulumi-version": "${{ steps.versions.outputs.pulumi }}" });
    const read = stepWithId(workflow, "versions");
    expect(read.run).toContain('require("./package.json").dependencies["@pulumi/pulumi"]');
  });

  test("runs only npm scripts package.json has, and only files that exist", () => {
    const used = scripts.flatMap((text) => [...text.matchAll(/\bnpm (?:run(?: --silent)? ([\w:-]+)|(ci)\b)/g)].map((match) => match[1] ?? match[2]!));
    expect(new Set(used)).toEqual(new Set(["ci", "images", "up", "verify", "data"]));
    for (const name of used.filter((name) => name !== "ci")) expect(packageScripts, `npm script "${name}"`).toHaveProperty(name);
    for (const script of ["up", "verify", "data", "images"]) expect(existsSync(join(REPO_ROOT, packageScripts[script]!.replace("tsx ", "")))).toBe(true);
    expect(readFileSync(join(REPO_ROOT, "README.md"), "utf8")).toContain("## End to end on real Docker");
  });

  test("puts no ${{ }} expression into a script", () => {
    for (const text of scripts) expect(text).not.toContain("${{");
  });

  test("up (which verifies), verify, reset Grafana and verify, clean all, then checks nothing is left", () => {
    const order = [
      indexOf(runs("docker pull")),
      indexOf(runs("npm run up -- --yes")),
      indexOf((step) => step.run === "npm run verify"),
      indexOf(runs("npm run data -- reset grafana --yes")),
      indexOf(runs("npm run data -- clean all --yes")),
      indexOf((step) => step.id === "nothing-left"),
    ];
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(steps[indexOf(runs("npm run data -- reset grafana --yes"))]!.run).toMatch(/reset grafana --yes\n\s*npm run verify/);
    expect(steps[indexOf(runs("npm run up -- --yes"))]!.run).not.toContain("--skip-verify");
  });

  test("the data commands and pulumi get a passphrase without a terminal", () => {
    expect((workflow.jobs["e2e"] as unknown as { env: Record<string, string> }).env.PULUMI_CONFIG_PASSPHRASE).toBeTruthy();
  });

  test("on failure, uploads every component's docker logs", () => {
    const collect = steps[indexOf(runs("docker logs"))]!;
    const upload = steps.find((step) => step.uses?.startsWith("actions/upload-artifact@"))!;
    expect(collect.if).toBe("failure()");
    expect(upload.if).toBe("failure()");
    expect(upload.with?.path).toBe("${{ runner.temp }}/logs");
  });

  test("looks for leftovers by the label the stack puts on its containers and volumes", () => {
    const prefix = parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS).namePrefix;
    const filters = [...workflowText(PATH).matchAll(/--filter (label=[^\s)";]+)/g)].map((match) => match[1]);
    expect(filters.length).toBeGreaterThanOrEqual(3);
    for (const filter of filters) expect(filter).toBe(`label=${LABELS.stack}=${prefix}`);
  });
});

describe("the step that checks nothing is left", () => {
  const check = stepWithId(workflow, "nothing-left");

  function withDocker(answer: string) {
    const bin = mkdtempSync(join(tmpdir(), "llmobs-docker-"));
    try {
      writeFileSync(join(bin, "docker"), `#!/bin/sh\ncase "$1" in ps) printf '%s' "${answer}";; volume) ;; esac\n`);
      chmodSync(join(bin, "docker"), 0o755);
      return runStep(check, bin, { PATH: `${bin}:${process.env.PATH ?? ""}` });
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  }

  test("passes when Docker lists nothing of the stack", () => {
    const result = withDocker("");
    expect(result.status).toBe(0);
    expect(result.stepSummary).toContain("Clean left no container and no volume.");
  });

  test("fails, naming what survived, when something is left", () => {
    const result = withDocker("3f2a1c9e0b7d");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("::error title=Left behind::");
    expect(result.stdout).toContain("3f2a1c9e0b7d");
  });
});
