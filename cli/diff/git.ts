import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../commandLine/run.ts";
import { CannotCompareError } from "./cannotCompare.ts";

export interface Repository {
  /** The project directory (where package.json is) in the working tree. */
  projectDir: string;
  /** The project's path inside the repository, "" or ending in "/": the project may live in a subdirectory. */
  prefix: string;
}

export interface Base {
  commit: string;
  shortCommit: string;
  /** Named on the command line, or the merge base of HEAD and a main branch. */
  origin: { ref: string } | { mergeBaseWith: string };
}

/** The branches the default base is taken from, in order: the local main, then the remote's. */
const MAIN_BRANCHES = ["main", "origin/main", "origin/HEAD"];

function git(repository: Pick<Repository, "projectDir">, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync("git", args, { cwd: repository.projectDir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new CannotCompareError(`Could not run git (${result.error.message}); npm run diff needs git on the PATH.`);
  return { ok: result.status === 0, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

export function openRepository(projectDir: string): Repository {
  const prefix = git({ projectDir }, ["rev-parse", "--show-prefix"]);
  if (!prefix.ok) {
    throw new UsageError(`${projectDir} is not in a git repository: npm run diff compares the working tree with a git revision.`);
  }
  return { projectDir, prefix: prefix.stdout };
}

/** The commit a revision names, or undefined when it names none. */
function commitOf(repository: Repository, ref: string): string | undefined {
  if (ref.startsWith("-")) return undefined;
  const result = git(repository, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  return result.ok ? result.stdout : undefined;
}

function shortName(repository: Repository, commit: string): string {
  return git(repository, ["rev-parse", "--short", commit]).stdout || commit.slice(0, 12);
}

/** `--base REF` as given, or by default the merge base of HEAD and main (origin/main when there is no local main). */
export function resolveBase(repository: Repository, ref: string | undefined): Base {
  if (ref !== undefined) {
    const commit = commitOf(repository, ref);
    if (!commit) throw new UsageError(`--base ${ref}: no such commit, branch or tag in this repository.`);
    return { commit, shortCommit: shortName(repository, commit), origin: { ref } };
  }
  if (!commitOf(repository, "HEAD")) throw new UsageError("HEAD has no commit yet: commit first, or pass --base REF.");
  const main = MAIN_BRANCHES.find((branch) => commitOf(repository, branch));
  if (!main) {
    throw new UsageError(`No ${MAIN_BRANCHES.slice(0, 2).join(" or ")} branch to compare with: pass --base REF (a branch, tag or commit).`);
  }
  const mergeBase = git(repository, ["merge-base", "HEAD", main]);
  if (!mergeBase.ok) throw new UsageError(`HEAD and ${main} have no common ancestor: pass --base REF.`);
  return { commit: mergeBase.stdout, shortCommit: shortName(repository, mergeBase.stdout), origin: { mergeBaseWith: main } };
}

/** Whether a file of the project exists at a commit. */
export function existsAt(repository: Repository, commit: string, projectPath: string): boolean {
  return git(repository, ["cat-file", "-e", `${commit}:${repository.prefix}${projectPath}`]).ok;
}

/**
 * Writes the repository's files at `commit` into `directory`, without touching the working tree, the
 * index or the repository's worktree list. Returns where the project is inside `directory`.
 */
export function exportRevision(repository: Repository, commit: string, directory: string): string {
  const archive = join(directory, "revision.tar");
  const exported = git(repository, ["archive", "--format=tar", `--output=${archive}`, commit]);
  if (!exported.ok) throw new CannotCompareError(`git archive ${commit} failed: ${exported.stderr}`);
  const tree = join(directory, "tree");
  mkdirSync(tree);
  const unpacked = spawnSync("tar", ["-x", "-f", archive, "-C", tree], { encoding: "utf8" });
  if (unpacked.error || unpacked.status !== 0) {
    throw new CannotCompareError(`Could not unpack revision ${commit} with tar: ${unpacked.error?.message ?? unpacked.stderr}`);
  }
  return join(tree, repository.prefix);
}
