import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "./runScript.ts";

/**
 * A copy of this project in a temporary directory: every file git tracks or would track (so new files
 * not yet committed come along), with this checkout's node_modules linked in.
 */
export class ProjectCopy {
  readonly dir = mkdtempSync(join(tmpdir(), "llmobs-project-"));

  constructor() {
    const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO_ROOT, encoding: "utf8" });
    for (const path of listed.split("\0").filter(Boolean)) {
      if (!existsSync(join(REPO_ROOT, path))) continue;
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      cpSync(join(REPO_ROOT, path), join(this.dir, path));
    }
    symlinkSync(join(REPO_ROOT, "node_modules"), join(this.dir, "node_modules"), "dir");
  }

  read(path: string): string {
    return readFileSync(join(this.dir, path), "utf8");
  }

  write(path: string, content: string): void {
    writeFileSync(join(this.dir, path), content);
  }

  /**
   * Replaces `anchor` in a project file. The project keeps changing; when an anchor is gone, the message
   * says which one to update rather than letting a later assertion fail for no visible reason.
   */
  replace(path: string, anchor: string, replacement: string): void {
    const text = this.read(path);
    if (!text.includes(anchor)) throw new Error(`${path} no longer contains the anchor ${JSON.stringify(anchor)}: update the anchor in the test.`);
    this.write(path, text.replace(anchor, replacement));
  }

  /** Runs one of the copy's scripts the way npm does (tsx, from the copy's root). */
  runScript(script: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
    const result = spawnSync(process.execPath, ["--import", "tsx", `cli/${script}`, ...args], { cwd: this.dir, encoding: "utf8", env });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A project copy that is a git repository of its own, with a `main` branch holding the copy as its first commit. */
export class ProjectRepository extends ProjectCopy {
  constructor() {
    super();
    this.git("init", "--quiet", "--initial-branch=main");
    // The copy links node_modules in as a symlink, which the project's "node_modules/" ignore does not match.
    writeFileSync(join(this.dir, ".git/info/exclude"), "node_modules\n");
    this.commitAll("The project as it is");
  }

  git(...args: string[]): string {
    return execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", ...args], {
      cwd: this.dir,
      encoding: "utf8",
    }).trim();
  }

  /** Commits everything and returns the new commit. */
  commitAll(message: string): string {
    this.git("add", "--all");
    this.git("commit", "--quiet", "-m", message);
    return this.git("rev-parse", "HEAD");
  }
}
