import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { CannotCompareError } from "./cannotCompare.ts";
import type { Artifacts } from "./compare.ts";
import { existsAt, exportRevision, type Repository } from "./git.ts";

/** The render command each revision is rendered with, and the stack files it reads. */
const RENDER_SCRIPT = "cli/render.ts";
/** Where revisions from before the commands moved to cli/ keep their render command. */
const EARLIER_RENDER_SCRIPTS = ["scripts/render.ts"];
export const stackFile = (stack: string) => `stacks/Pulumi.${stack}.yaml`;

/** What the render command writes besides the artifacts: its list of what it wrote. */
const RENDER_BOOKKEEPING = new Set([".llmobs-render.json"]);

export interface RenderedRevision {
  artifacts: Artifacts;
  /** Why the revision has no artifacts, when it has none by construction. */
  note?: string;
}

function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(root, join(entry.parentPath, entry.name)).split(sep).join("/");
    if (!RENDER_BOOKKEEPING.has(path)) files.set(path, readFileSync(join(entry.parentPath, entry.name), "utf8"));
  }
  return files;
}

/** Runs a project's own render command (as npm would: tsx, from the project directory) into a temporary directory. */
function render(projectDir: string, stack: string, revision: string, script = RENDER_SCRIPT): Map<string, string> {
  const out = mkdtempSync(join(tmpdir(), "llmobs-diff-render-"));
  try {
    const result = spawnSync(process.execPath, ["--import", "tsx", script, "--out", out, "--stack", stack], {
      cwd: projectDir,
      encoding: "utf8",
    });
    if (result.error || result.status !== 0) {
      const output = result.error?.message ?? (result.stderr.trim() || result.stdout.trim());
      throw new CannotCompareError(`Could not render stack "${stack}" at ${revision} (${script} exited ${result.status}):\n${output}`);
    }
    return readTree(out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function stackExistsInWorkingTree(projectDir: string, stack: string): boolean {
  return existsSync(join(projectDir, stackFile(stack)));
}

export function stackExistsAt(repository: Repository, commit: string, stack: string): boolean {
  return existsAt(repository, commit, stackFile(stack));
}

/** The working tree as it is on disk, uncommitted edits included. */
export function renderWorkingTree(projectDir: string, stack: string): RenderedRevision {
  if (!stackExistsInWorkingTree(projectDir, stack)) {
    return { artifacts: new Map(), note: `The working tree has no ${stackFile(stack)}: it renders nothing for this stack.` };
  }
  return { artifacts: render(projectDir, stack, "the working tree") };
}

/**
 * A commit rendered with its own code: its files are exported to a temporary directory, given the
 * working tree's node_modules, and its own render command is run there. The working tree, the index and
 * the repository are left as they were.
 */
export function renderCommit(repository: Repository, commit: string, stack: string, label: string): RenderedRevision {
  const script = [RENDER_SCRIPT, ...EARLIER_RENDER_SCRIPTS].find((path) => existsAt(repository, commit, path));
  if (!script) {
    return { artifacts: new Map(), note: `${capitalized(label)} has no ${RENDER_SCRIPT}: it is taken to generate nothing.` };
  }
  if (!stackExistsAt(repository, commit, stack)) {
    return { artifacts: new Map(), note: `${capitalized(label)} has no ${stackFile(stack)}: it renders nothing for this stack.` };
  }
  const nodeModules = join(repository.projectDir, "node_modules");
  if (!existsSync(nodeModules)) throw new CannotCompareError("No node_modules in the project: run `npm ci` first.");
  const directory = mkdtempSync(join(tmpdir(), "llmobs-diff-base-"));
  try {
    const projectDir = exportRevision(repository, commit, directory);
    symlinkSync(nodeModules, join(projectDir, "node_modules"), "dir");
    return { artifacts: render(projectDir, stack, label, script) };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
