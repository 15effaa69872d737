import { execFileSync } from "node:child_process";

/** Debian package that provides each tool the tests run. */
const PACKAGES: Record<string, string> = {
  prometheus: "prometheus",
  promtool: "prometheus",
  "prometheus-node-exporter": "prometheus-node-exporter",
  node_exporter: "prometheus-node-exporter",
  "prometheus-alertmanager": "prometheus-alertmanager",
  alertmanager: "prometheus-alertmanager",
  amtool: "prometheus-alertmanager",
};

function onPath(name: string): string | undefined {
  try {
    return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The path of a tool the tests need, under any of its names (Debian ships node_exporter as
 * prometheus-node-exporter). A missing tool fails the test loudly; it is never skipped.
 */
export function requireTool(...names: string[]): string {
  for (const name of names) {
    const path = onPath(name);
    if (path) return path;
  }
  const pkg = PACKAGES[names[0]!] ?? names[0];
  throw new Error(
    `${names.join(" / ")} is required by this test but is not installed. Install it with ` +
      `\`apt-get install -y ${pkg}\` (.ci/run does this on a fresh machine).`,
  );
}
