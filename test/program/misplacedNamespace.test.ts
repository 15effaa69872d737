import { expect, test } from "vitest";
import { ProgramFailed, runProgram } from "../support/pulumi/program.ts";

// One program run per file: the program module is imported once.
test("a key under a misspelt namespace stops the program before any resource, with the key it was meant to be", async () => {
  const failure = await runProgram("program/index.ts", { "llmobs:target": "docker", "llmbos:namePrefix": "obs", "kubernetes:context": "kind" }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(failure).toBeInstanceOf(ProgramFailed);
  const { reason, resources } = failure as ProgramFailed;
  expect((reason as Error).message).toContain('The stack config has 1 problem');
  expect((reason as Error).message).toContain('llmbos:namePrefix: the namespace "llmbos" is not this stack\'s');
  expect((reason as Error).message).toContain("did you mean llmobs:namePrefix?");
  expect(resources).toEqual([]);
});
