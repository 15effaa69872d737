import { createInterface } from "node:readline/promises";
import { PreconditionError } from "../commandLine/run.ts";

/**
 * Data is deleted only when the person running the command agrees: --yes, or typing "yes" at the prompt.
 * Without a terminal there is nobody to ask, so the command refuses.
 */
export async function confirmDeletion(question: string, options: { yes: boolean; interactive: boolean }): Promise<boolean> {
  if (options.yes) return true;
  if (!options.interactive) {
    throw new PreconditionError("Refusing to delete data without a terminal to confirm on; nothing was changed. Pass --yes to confirm.");
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await prompt.question(`${question} Type yes to continue: `)).trim().toLowerCase() === "yes";
  } finally {
    prompt.close();
  }
}
