import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { dump, load } from "js-yaml";
import { ProjectCopy } from "../support/cli/projectCopy.ts";
import { CliStandIns } from "../support/pulumi/cliStandIn.ts";
import { freePort } from "../../cli/local/processes.ts";
import { splitUpArgs } from "../../cli/up/args.ts";
import { stackConfigSchema } from "../../config/schema.ts";

// The first `npm run up` on a fresh clone, with the Pulumi and Docker CLIs stood in: the file backend's
// directory is git-ignored, so nothing but `up` itself can create it.
describe("the first npm run up on a fresh clone", () => {
  let project: ProjectCopy;
  let clis: CliStandIns;
  let result: ReturnType<ProjectCopy["runScript"]>;

  beforeAll(async () => {
    project = new ProjectCopy();
    clis = new CliStandIns({ pulumiVersion: "v3.248.0", dockerVersion: "28.2.2" });
    // Free ports, so the preflight's port check passes whatever else runs on this machine.
    const stackFile = load(project.read("stacks/Pulumi.local.yaml")) as { config: Record<string, unknown> };
    const ports: Record<string, number> = {};
    for (const key of Object.keys(stackConfigSchema.shape.ports.parse({}))) ports[key] = await freePort();
    stackFile.config["llmobs:ports"] = ports;
    project.write("stacks/Pulumi.local.yaml", dump(stackFile));
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: clis.path() };
    delete env["PULUMI_BACKEND_URL"];
    // The stood-in `pulumi up` starts nothing, so there is nothing to verify.
    result = project.runScript("up.ts", ["--yes", "--skip-verify"], env);
  });

  afterAll(() => project.remove());

  test("the clone has no state directory to begin with", () => {
    expect(project.read(".gitignore")).toContain(".pulumi-state/");
  });

  test("creates the state directory, creates the stack, and runs pulumi up with the flags given", () => {
    expect(result.stderr).not.toContain("unable to open state directory");
    expect(result.status).toBe(0);
    expect(existsSync(join(project.dir, ".pulumi-state"))).toBe(true);
    expect(result.stdout).toContain("Created the state directory");
    const calls = clis.pulumiCalls().filter((args) => args[0] !== "version");
    expect(calls).toEqual([
      ["stack", "select", "--create", "local"],
      ["up", "--stack", "local", "--yes"],
    ]);
  });
});

describe("npm run up's arguments", () => {
  test("flags it does not own go to pulumi up, with or without a -- separator", () => {
    expect(splitUpArgs(["--yes"])).toEqual({ stack: "local", verify: true, pulumiArgs: ["--yes"] });
    expect(splitUpArgs(["--", "--yes", "--skip-preview"])).toEqual({ stack: "local", verify: true, pulumiArgs: ["--yes", "--skip-preview"] });
    expect(splitUpArgs(["--stack", "cluster", "--yes"])).toEqual({ stack: "cluster", verify: true, pulumiArgs: ["--yes"] });
    expect(splitUpArgs(["--stack=cluster", "--diff", "--skip-verify"])).toEqual({ stack: "cluster", verify: false, pulumiArgs: ["--diff"] });
  });

  test("--stack without a name is a usage error", () => {
    expect(() => splitUpArgs(["--stack"])).toThrow("--stack needs a stack name");
    expect(() => splitUpArgs(["--stack", "--yes"])).toThrow("--stack needs a stack name");
  });
});
