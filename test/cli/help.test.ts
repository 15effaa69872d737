import { describe, expect, test } from "vitest";
import { spawn } from "node:child_process";
import { COMMANDS, UP_COMMAND } from "../../cli/commandLine/commands.ts";
import { helpText, parseCommandLine, type CommandSpec } from "../../cli/commandLine/options.ts";
import { HelpRequested, UsageError } from "../../cli/commandLine/run.ts";
import { REPO_ROOT } from "../support/cli/runScript.ts";

function run(script: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // No pulumi, docker or kubectl on PATH: --help must not need them.
    const child = spawn(process.execPath, ["--import", "tsx", `cli/${script}.ts`, ...args], { cwd: REPO_ROOT, env: { ...process.env, PATH: "/nonexistent" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The flags a help text lists, e.g. ["--stack", "--yes", "-y", "--help", "-h"]. */
function listedFlags(help: string): string[] {
  const options = help.split("\noptions:\n")[1]!.split("\n\n")[0]!;
  return [...options.matchAll(/(?:^|, )(--?[a-z]+)/gm)].map((m) => m[1]!);
}

/** The least a command line needs: a choice for each positional, a value for each required option. */
function sampleArgs(spec: CommandSpec, except = ""): string[] {
  const required = Object.entries(spec.options).filter(([name, o]) => o.required && name !== except);
  return [...(spec.positionals ?? []).map((p) => p.choices[0]!.name), ...required.flatMap(([name]) => [`--${name}`, "d"])];
}

describe("--help on every command", () => {
  test.each(COMMANDS.map((spec) => [spec.name, spec] as const))("npm run %s -- --help prints the help made from its options, and does nothing else", async (name, spec) => {
    const result = await run(name, ["--help"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${helpText(spec)}\n`);
    for (const option of Object.keys(spec.options)) expect(result.stdout).toContain(`--${option}`);
  });

  test("-h works too, and help wins over other arguments", async () => {
    const result = await run("render", ["--stack", "nowhere", "-h"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("usage: npm run render -- --out DIR [--stack NAME]");
  });

  test.each(COMMANDS.map((spec) => [spec.name, spec] as const))("%s: every flag the help lists is one its parser accepts", (_, spec) => {
    for (const flag of listedFlags(helpText(spec))) {
      const owned = Object.entries(spec.options).find(([name, option]) => flag === `--${name}` || flag === `-${option.short}`);
      if (flag === "--help" || flag === "-h") {
        expect(() => parseCommandLine(spec, [...sampleArgs(spec), flag])).toThrow(HelpRequested);
        continue;
      }
      expect(owned, `${spec.name}: ${flag} is listed but not an option`).toBeDefined();
      const args = owned![1].type === "string" ? [flag, "x"] : [flag];
      const parsed = parseCommandLine(spec, [...sampleArgs(spec, owned![0]), ...args]);
      expect(parsed.values[owned![0]], `${spec.name} ${flag}`).toBe(owned![1].type === "string" ? "x" : true);
    }
  });

  test("an option no command owns is a usage error, except for up, which hands it to pulumi up", () => {
    for (const spec of COMMANDS.filter((c) => c !== UP_COMMAND)) {
      expect(() => parseCommandLine(spec, [...sampleArgs(spec), "--frobnicate"]), spec.name).toThrow(/Unknown option '--frobnicate'/);
    }
    expect(parseCommandLine(UP_COMMAND, ["--frobnicate", "--yes"]).passed).toEqual(["--frobnicate", "--yes"]);
  });

  test("a required option left out says which", () => {
    const render = COMMANDS.find((c) => c.name === "render")!;
    expect(() => parseCommandLine(render, [])).toThrow(UsageError);
    expect(() => parseCommandLine(render, [])).toThrow("--out DIR is required");
  });

  test("up's --help names where its other options go", () => {
    expect(helpText(UP_COMMAND)).toContain("Every other option goes to `pulumi up` (see `pulumi up --help`).");
  });
});
