import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../support/cli/runScript.ts";
import { ProjectRepository } from "../support/cli/projectCopy.ts";
import { allSteps, loadWorkflow, runStep, stepWithId, workflowText, WORKFLOW_PATH, type WorkflowStep } from "../support/github/workflow.ts";

const workflow = loadWorkflow();
const steps = allSteps(workflow);
const packageScripts = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

/** Every script text the workflow runs: shell steps and github-script steps. */
const scripts = steps.flatMap((step) => [step.run, step.with?.script].filter((text): text is string => typeof text === "string"));

function pulumiStep(stack: string): WorkflowStep {
  const step = steps.find((candidate) => candidate.uses?.startsWith("pulumi/actions@") && candidate.with?.["stack-name"] === stack);
  if (!step) throw new Error(`${WORKFLOW_PATH} has no pulumi/actions step for the ${stack} stack`);
  return step;
}

describe(`${WORKFLOW_PATH}`, () => {
  test("is valid YAML: a pull_request workflow whose steps each run or use something", () => {
    expect(workflow.on).toHaveProperty("pull_request");
    expect(workflow.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(steps.length).toBeGreaterThan(5);
    for (const step of steps) expect(Boolean(step.run) !== Boolean(step.uses), JSON.stringify(step)).toBe(true);
  });

  test("pins every action to a commit, with the version it is beside it", () => {
    const uses = workflowText()
      .split("\n")
      .filter((line) => /^\s*uses:/.test(line));
    expect(uses.length).toBe(steps.filter((step) => step.uses).length);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  test("runs only npm scripts package.json has", () => {
    const used = scripts.flatMap((text) => [...text.matchAll(/\bnpm (?:run(?: --silent)? ([\w:-]+)|(test)\b)/g)].map((match) => match[1] ?? match[2]!));
    expect(used).toEqual(expect.arrayContaining(["test", "diff"]));
    for (const name of used) expect(packageScripts, `npm script "${name}"`).toHaveProperty(name);
  });

  test("refers only to files that exist, or that it tests for before use", () => {
    const pathPattern = /(?<![\w$./-])(?:\.\/)?((?:\.?[\w-][\w.-]*\/)*\.?[\w-][\w.-]*\.(?:ya?ml|json|ts|cjs|js|md))\b/g;
    const referenced = scripts.flatMap((text) => {
      // A script that checks `[ -f path ]` handles that file's absence (the cluster stack comes with the Kubernetes target).
      const testedFor = new Set([...text.matchAll(/-f\s+"?([^\s"\]]+)/g)].map((match) => match[1]!));
      return [...text.matchAll(pathPattern)].map((match) => ({ path: match[1]!, testedFor: testedFor.has(match[1]!) }));
    });
    expect(referenced.map(({ path }) => path)).toEqual(expect.arrayContaining([".github/scripts/sticky-comment.cjs", "package.json"]));
    for (const { path, testedFor } of referenced) {
      if (!testedFor) expect(existsSync(join(REPO_ROOT, path)), path).toBe(true);
    }
    expect(workflowText()).toContain("README.md");
    expect(readFileSync(join(REPO_ROOT, "README.md"), "utf8")).toContain("## Review changes: preview diffs in CI");
  });

  test("puts no ${{ }} expression into a script, where a branch name could inject shell", () => {
    for (const text of scripts) expect(text).not.toContain("${{");
  });

  test("builds the pinned tools and installs the pinned Python emitters after npm ci and before the tests and the engine lane, as .ci/run does, and installs no distribution package", () => {
    const commands = (lines: string[]) =>
      lines.filter((line) => /^(npm ci|npm run tools|npm run emitters|npm test|npm run test:engine)\b/.test(line)).map((line) => line.split(" --")[0]);
    const ciRun = readFileSync(join(REPO_ROOT, ".ci/run"), "utf8");
    const order = ["npm ci", "npm run tools", "npm run emitters", "npm test", "npm run test:engine"];
    expect(commands(ciRun.split("\n"))).toEqual(order);
    expect(commands(steps.flatMap((step) => step.run?.split("\n") ?? []))).toEqual(order);
    for (const text of [...scripts, ciRun]) expect(text).not.toMatch(/apt-get install/);
  });

  test("runs the tests before the summary and the previews", () => {
    const index = (predicate: (step: WorkflowStep) => boolean) => steps.findIndex(predicate);
    const tests = index((step) => step.run === "npm test");
    expect(tests).toBeGreaterThan(index((step) => step.run?.startsWith("npm ci") ?? false));
    expect(index((step) => step.id === "artifacts")).toBeGreaterThan(tests);
    expect(index((step) => step.with?.["stack-name"] === "local")).toBeGreaterThan(tests);
  });

  test.each(["local", "cluster"])("previews the %s stack with a diff, commenting on the pull request and editing that comment", (stack) => {
    const step = pulumiStep(stack);
    expect(step.with).toMatchObject({ command: "preview", diff: true, "comment-on-pr": true, "edit-pr-comment": true });
    expect(step.if).toContain(`steps.previews.outputs.${stack} == 'true'`);
    expect(step.with?.["pulumi-version"]).toBe("${{ steps.previews.outputs.pulumi-version }}");
  });

  test("gives the cluster preview the kubeconfig the step before writes", () => {
    expect(pulumiStep("cluster").env?.KUBECONFIG).toBe("${{ runner.temp }}/kubeconfig");
    const write = steps.find((step) => step.run?.includes('> "$RUNNER_TEMP/kubeconfig"'));
    expect(write?.env?.KUBECONFIG_CONTENT).toBe("${{ secrets.KUBECONFIG }}");
  });

  test("posts the artifact summary through the sticky comment script, with its marker", () => {
    const comment = steps.find((step) => step.uses?.startsWith("actions/github-script@"));
    expect(comment?.with?.script).toContain('require("./.github/scripts/sticky-comment.cjs")');
    expect(comment?.with?.script).toContain("<!-- llmobs-artifact-diff -->");
    expect(comment?.env?.SUMMARY_FILE).toBe("${{ steps.artifacts.outputs.file }}");
  });
});

describe("the step that decides which previews run", () => {
  const decide = stepWithId(workflow, "previews");
  let project: string;

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), "llmobs-decide-"));
    cpSync(join(REPO_ROOT, "package.json"), join(project, "package.json"));
    mkdirSync(join(project, "stacks"));
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  const sdkVersion = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies["@pulumi/pulumi"];
  const none = { PULUMI_ACCESS_TOKEN: "", PULUMI_BACKEND_URL: "", PULUMI_CONFIG_PASSPHRASE: "", HAS_KUBECONFIG: "false" };

  function decideWith(env: Partial<typeof none>, clusterStackFile: boolean) {
    const file = join(project, "stacks/Pulumi.cluster.yaml");
    if (clusterStackFile) writeFileSync(file, "config: {}\n");
    else rmSync(file, { force: true });
    const result = runStep(decide, project, { ...none, ...env });
    expect(result.status, result.stderr).toBe(0);
    return result;
  }

  test("no backend: both previews skipped, with a notice that says what to set", () => {
    const result = decideWith({ HAS_KUBECONFIG: "true" }, true);
    expect(result.outputs).toEqual({ local: "false", cluster: "false", "pulumi-version": sdkVersion });
    expect(result.stdout).toMatch(/^::notice title=Pulumi previews skipped::No Pulumi backend is configured: set the secret PULUMI_ACCESS_TOKEN/m);
    expect(result.env).toEqual({});
  });

  test("a Pulumi Cloud token: the local preview runs against Pulumi Cloud; no kubeconfig, so the cluster preview is skipped", () => {
    const result = decideWith({ PULUMI_ACCESS_TOKEN: "pul-123" }, true);
    expect(result.outputs).toMatchObject({ local: "true", cluster: "false" });
    expect(result.env).toEqual({ PULUMI_BACKEND_URL: "https://api.pulumi.com" });
    expect(result.stdout).toMatch(/^::notice title=Cluster preview skipped::The secret KUBECONFIG/m);
  });

  test("a self-managed backend and its passphrase, and a kubeconfig: both previews run", () => {
    const result = decideWith({ PULUMI_BACKEND_URL: "s3://bucket/llmobs", PULUMI_CONFIG_PASSPHRASE: "secret", HAS_KUBECONFIG: "true" }, true);
    expect(result.outputs).toMatchObject({ local: "true", cluster: "true" });
    expect(result.env).toEqual({ PULUMI_BACKEND_URL: "s3://bucket/llmobs" });
    expect(result.stdout).not.toContain("::notice");
  });

  test("a self-managed backend without its passphrase: skipped, and the notice says so", () => {
    const result = decideWith({ PULUMI_BACKEND_URL: "s3://bucket/llmobs", HAS_KUBECONFIG: "true" }, true);
    expect(result.outputs).toMatchObject({ local: "false", cluster: "false" });
    expect(result.stdout).toContain("PULUMI_CONFIG_PASSPHRASE");
  });

  test("a kubeconfig but no cluster stack file in this revision: the cluster preview is skipped", () => {
    const result = decideWith({ PULUMI_ACCESS_TOKEN: "pul-123", HAS_KUBECONFIG: "true" }, false);
    expect(result.outputs).toMatchObject({ local: "true", cluster: "false" });
    expect(result.stdout).toContain("no stacks/Pulumi.cluster.yaml");
  });
});

describe("the step that leaves the secrets provider to the CI backend", () => {
  const strip = stepWithId(workflow, "secrets-provider");

  test("runs before both previews", () => {
    const index = steps.indexOf(strip);
    expect(index).toBeGreaterThan(-1);
    expect(steps.indexOf(pulumiStep("local"))).toBeGreaterThan(index);
    expect(steps.indexOf(pulumiStep("cluster"))).toBeGreaterThan(index);
  });

  test("removes a developer's encryptionsalt and secrets provider, and nothing else", () => {
    const project = mkdtempSync(join(tmpdir(), "llmobs-salt-"));
    try {
      mkdirSync(join(project, "stacks"));
      const config = "config:\n  llmobs:target: docker\n  llmobs:grafanaAdminPassword:\n    secure: v1:abc\n";
      writeFileSync(join(project, "stacks/Pulumi.local.yaml"), `secretsprovider: passphrase\nencryptionsalt: v1:salt:v1:nonce:ct\n${config}`);
      writeFileSync(join(project, "stacks/Pulumi.cluster.yaml"), config);
      const result = runStep(strip, project, {});
      expect(result.status, result.stderr).toBe(0);
      expect(readFileSync(join(project, "stacks/Pulumi.local.yaml"), "utf8")).toBe(config);
      expect(readFileSync(join(project, "stacks/Pulumi.cluster.yaml"), "utf8")).toBe(config);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

describe("the summary step", () => {
  let repo: ProjectRepository;
  afterAll(() => repo?.remove());

  test("writes the summary of every stack the base or the pull request has into the job summary, and names the file", () => {
    repo = new ProjectRepository();
    repo.git("update-ref", "refs/remotes/origin/main", "HEAD");
    repo.replace("dashboards/host.ts", `title: "Disk I/O"`, `title: "Disk Throughput"`);
    repo.commitAll("Retitle a panel");
    const result = runStep(stepWithId(workflow, "artifacts"), repo.dir, { BASE_REF: "main" });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stepSummary).toContain("### Generated artifacts, stack `local`");
    expect(result.stepSummary).toContain("Panel **Disk Throughput** (renamed from “Disk I/O”)");
    expect(result.stepSummary).not.toContain("> llm-observability-stack");
    expect(result.stepSummary.includes("stack `cluster`")).toBe(existsSync(join(repo.dir, "stacks/Pulumi.cluster.yaml")));
    expect(result.outputs.file).toMatch(/artifact-diff\.md$/);
  }, 120_000);
});
