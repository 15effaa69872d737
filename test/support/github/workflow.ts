import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "js-yaml";
import { REPO_ROOT } from "../cli/runScript.ts";

export interface WorkflowStep {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number | boolean>;
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { "runs-on": string; steps: WorkflowStep[] }>;
}

export const WORKFLOW_PATH = ".github/workflows/preview.yml";

export function workflowText(path = WORKFLOW_PATH): string {
  return readFileSync(join(REPO_ROOT, path), "utf8");
}

export function loadWorkflow(path = WORKFLOW_PATH): Workflow {
  return load(workflowText(path)) as Workflow;
}

export function allSteps(workflow: Workflow): WorkflowStep[] {
  return Object.values(workflow.jobs).flatMap((job) => job.steps);
}

export function stepWithId(workflow: Workflow, id: string): WorkflowStep & { run: string } {
  const step = allSteps(workflow).find((candidate) => candidate.id === id);
  if (!step?.run) throw new Error(`${workflow.name} has no run step with id "${id}"`);
  return step as WorkflowStep & { run: string };
}

export interface StepResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** What the step wrote to $GITHUB_OUTPUT, $GITHUB_ENV and $GITHUB_STEP_SUMMARY. */
  outputs: Record<string, string>;
  env: Record<string, string>;
  stepSummary: string;
}

function keyValues(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split("\n")
      .filter((line) => line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

/** Runs a step's script the way a GitHub runner does (bash -eo pipefail), with the runner's files in a temp directory. */
export function runStep(step: { run: string }, cwd: string, env: Record<string, string>): StepResult {
  const runner = mkdtempSync(join(tmpdir(), "llmobs-runner-"));
  try {
    const files = { GITHUB_OUTPUT: "output", GITHUB_ENV: "env", GITHUB_STEP_SUMMARY: "summary" };
    for (const name of Object.values(files)) writeFileSync(join(runner, name), "");
    writeFileSync(join(runner, "step.sh"), step.run);
    const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", join(runner, "step.sh")], {
      cwd,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? runner,
        RUNNER_TEMP: runner,
        GITHUB_OUTPUT: join(runner, files.GITHUB_OUTPUT),
        GITHUB_ENV: join(runner, files.GITHUB_ENV),
        GITHUB_STEP_SUMMARY: join(runner, files.GITHUB_STEP_SUMMARY),
        ...env,
      },
    });
    const read = (name: string) => readFileSync(join(runner, name), "utf8");
    return {
      status: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
      outputs: keyValues(read(files.GITHUB_OUTPUT)),
      env: keyValues(read(files.GITHUB_ENV)),
      stepSummary: read(files.GITHUB_STEP_SUMMARY),
    };
  } finally {
    rmSync(runner, { recursive: true, force: true });
  }
}
