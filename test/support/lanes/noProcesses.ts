import { vi } from "vitest";

/**
 * The fast lane starts no process: a test there that tries (a command, a pinned tool, git) fails, naming
 * the lanes it belongs in instead.
 */
vi.mock("node:child_process", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:child_process")>();
  const refuse = (name: string) => () => {
    throw new Error(`child_process.${name}: the fast lane (test/unit, test/program) starts no processes; move the test to test/cli, test/integration or test/rules`);
  };
  const names = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;
  return { ...actual, ...Object.fromEntries(names.map((name) => [name, refuse(name)])) };
});
