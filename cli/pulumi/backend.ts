import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { load } from "js-yaml";

/**
 * Where Pulumi keeps this project's state, decided the way the CLI decides it: `PULUMI_BACKEND_URL`
 * first, then `backend.url` in Pulumi.yaml, then the backend `pulumi login` stored.
 */
export interface PulumiBackend {
  url: string;
  /** What chose it, for messages. */
  source: "PULUMI_BACKEND_URL" | "Pulumi.yaml" | "pulumi login" | "Pulumi's default";
  /**
   * file: a directory on this machine (the DIY file backend); cloud: Pulumi Cloud or a self-hosted
   * Pulumi Cloud (http(s)://), whose default secrets provider is the service; object-store: s3://, gs://,
   * azblob://, postgres:// and other self-managed backends, which default to the passphrase provider.
   */
  kind: "file" | "cloud" | "object-store";
  /** For the file backend: the absolute directory it keeps state in. */
  stateDir?: string;
}

const DEFAULT_CLOUD = "https://api.pulumi.com";

function storedLogin(env: NodeJS.ProcessEnv): string | undefined {
  const home = env["PULUMI_HOME"] ?? join(homedir(), ".pulumi");
  const path = join(home, "credentials.json");
  if (!existsSync(path)) return undefined;
  try {
    const current = (JSON.parse(readFileSync(path, "utf8")) as { current?: unknown }).current;
    return typeof current === "string" && current !== "" ? current : undefined;
  } catch {
    return undefined;
  }
}

function projectBackendUrl(projectDir: string): string | undefined {
  const path = join(projectDir, "Pulumi.yaml");
  if (!existsSync(path)) return undefined;
  const project = load(readFileSync(path, "utf8")) as { backend?: { url?: unknown } } | null;
  const url = project?.backend?.url;
  return typeof url === "string" && url !== "" ? url : undefined;
}

/** The directory a file:// backend URL names; relative paths are taken from the project root, where the npm scripts run Pulumi. */
function fileStateDir(url: string, projectDir: string): string {
  let path = url.slice("file://".length).replace(/\?.*$/, "");
  if (path === "~" || path.startsWith("~/")) path = join(homedir(), path.slice(1));
  return isAbsolute(path) ? path : resolve(projectDir, path);
}

export function pulumiBackend(env: NodeJS.ProcessEnv, projectDir: string): PulumiBackend {
  const fromEnv = env["PULUMI_BACKEND_URL"];
  const fromProject = fromEnv ? undefined : projectBackendUrl(projectDir);
  const login = fromEnv || fromProject ? undefined : storedLogin(env);
  const url = fromEnv || fromProject || login || DEFAULT_CLOUD;
  const source = fromEnv ? "PULUMI_BACKEND_URL" : fromProject ? "Pulumi.yaml" : login ? "pulumi login" : "Pulumi's default";
  if (url.startsWith("file://")) return { url, source, kind: "file", stateDir: fileStateDir(url, projectDir) };
  if (/^https?:\/\//.test(url)) return { url, source, kind: "cloud" };
  return { url, source, kind: "object-store" };
}

/**
 * Pulumi's file backend refuses to start when its directory is missing ("unable to open state directory",
 * pulumi/pulumi#15841), and the project's `.pulumi-state/` is git-ignored, so a fresh clone has none.
 * Creates it before the first Pulumi call; returns the directory when it had to be made.
 */
export function ensureStateDir(backend: PulumiBackend): string | undefined {
  if (backend.kind !== "file" || !backend.stateDir || existsSync(backend.stateDir)) return undefined;
  mkdirSync(backend.stateDir, { recursive: true });
  return backend.stateDir;
}
