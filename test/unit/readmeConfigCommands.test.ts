import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dump, load } from "js-yaml";
import { parseStackDocument } from "../../config/fromStackFile.ts";
import { REPO_ROOT } from "../support/cli/runScript.ts";
import { pulumiConfigSetPath } from "../support/pulumi/configSet.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";
import { readmeConfigSetCommands } from "../support/pulumi/readmeCommands.ts";

describe("the README's pulumi config set --path commands", () => {
  const commands = readmeConfigSetCommands();

  test("there are such commands, decimals and whole CPUs among them", () => {
    expect(commands.length).toBeGreaterThanOrEqual(6);
    expect(commands.map((c) => c.value)).toEqual(expect.arrayContaining(["0.5", "2"]));
  });

  test.each(commands.map((c) => [c.line, c]))("%s gives config the validator accepts", (_, command) => {
    const file = join(REPO_ROOT, "stacks", `Pulumi.${command.stack}.yaml`);
    const document = load(readFileSync(file, "utf8")) as { config: Record<string, unknown> };
    pulumiConfigSetPath(document.config, command.key, command.value);
    expect(() => parseStackDocument(dump(document), STACK_FACTS)).not.toThrow();
  });
});

describe("the stand-in for pulumi config set --path stores values as the CLI does", () => {
  test.each([
    ["2", 2],
    ["0.5", "0.5"],
    ["1.5", "1.5"],
    ["007", "007"],
    ["true", true],
    ["15s", "15s"],
  ])("%s", (text, stored) => {
    const config: Record<string, unknown> = {};
    pulumiConfigSetPath(config, "llmobs:a.b[0]", text);
    expect(config).toEqual({ "llmobs:a": { b: [stored] } });
  });
});
