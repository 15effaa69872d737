import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../cli/runScript.ts";

/**
 * The Pod Security Standards as the API server enforces them: pod specs are checked by a small Go program
 * (test/support/kubernetes/podSecurity/main.go) built on the admission controller's own policy library,
 * k8s.io/pod-security-admission, at the version go.mod pins. It needs Go; the module proxy supplies the library.
 */

export type PodSecurityLevel = "privileged" | "baseline" | "restricted";

export interface PodToCheck {
  /** What the verdict is reported under, e.g. "node-exporter". */
  name: string;
  level: PodSecurityLevel;
  metadata?: Record<string, unknown>;
  spec: Record<string, unknown>;
}

export interface PodSecurityVerdict {
  name: string;
  level: PodSecurityLevel;
  allowed: boolean;
  /** Each check the pod fails, as the admission controller words it. */
  forbidden: string[];
}

const SOURCE_DIR = join(REPO_ROOT, "test/support/kubernetes/podSecurity");

function checkerBinary(): string {
  const hash = createHash("sha256");
  for (const file of ["main.go", "go.mod", "go.sum"]) hash.update(readFileSync(join(SOURCE_DIR, file)));
  const dir = join(REPO_ROOT, "node_modules/.cache/llmobs-pod-security");
  const binary = join(dir, `check-${hash.digest("hex").slice(0, 16)}`);
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  // Test files run in parallel processes: build beside the target, then move it into place at once.
  const building = `${binary}.${process.pid}`;
  try {
    execFileSync("go", ["build", "-o", building, "."], { cwd: SOURCE_DIR, stdio: ["ignore", "pipe", "pipe"], timeout: 600_000 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === "ENOENT") {
      throw new Error("Go is required to build the Pod Security checker (test/support/kubernetes/podSecurity); install Go 1.24 or newer.");
    }
    throw new Error(`building the Pod Security checker failed:\n${e.stderr?.toString() ?? e.message}`);
  }
  renameSync(building, binary);
  return binary;
}

/** Each pod checked at its level, in the order given. */
export function checkPodSecurity(pods: PodToCheck[]): PodSecurityVerdict[] {
  const input = JSON.stringify(pods.map((pod) => ({ metadata: {}, ...pod })));
  const output = execFileSync(checkerBinary(), [], { input, encoding: "utf8", timeout: 60_000 });
  return JSON.parse(output) as PodSecurityVerdict[];
}
