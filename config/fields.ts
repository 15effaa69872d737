import { z } from "zod";
import type { Format } from "./formats.ts";
import { re2SyntaxError } from "./re2.ts";

/*
 * `pulumi config set --path` stores a value that reads as an integer as a number, and everything else
 * (a decimal such as 0.5 included) as a string. The fields below take a value the way that command
 * stores it, so every value a user sets with it is read as meant: a name or a CPU quantity of `2` is a
 * number in the stack file, a percentage of `0.5` a string.
 */

function integerAsText(value: unknown): unknown {
  return typeof value === "number" && Number.isFinite(value) ? String(value) : value;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function decimalTextAsNumber(value: unknown): unknown {
  return typeof value === "string" && DECIMAL.test(value.trim()) ? Number(value) : value;
}

/** A string in one of the config's formats; says what is allowed when it is not. */
export function formatted(format: Format) {
  return z.preprocess(integerAsText, z.string({ error: `expected a string: ${format.allowed}` }).refine(format.test, { error: format.allowed }));
}

/** Free text, e.g. a folder title: a number set with --path is its digits. */
export function text(error: string) {
  return z.preprocess(integerAsText, z.string({ error }));
}

/** A number, also when it was stored as text (a decimal set with --path). */
export function decimal<T extends z.ZodNumber>(number: T) {
  return z.preprocess(decimalTextAsNumber, number);
}

/**
 * A regular expression as Prometheus reads it in a label matcher or label_replace: RE2 syntax, checked by
 * RE2 itself, since JavaScript's engine takes what Prometheus refuses (lookarounds, backreferences).
 */
export function re2Pattern(expected: string) {
  return z.string({ error: `expected a string: ${expected}` }).superRefine((pattern, ctx) => {
    const error = re2SyntaxError(pattern);
    if (error) ctx.addIssue({ code: "custom", input: pattern, message: `a regular expression Prometheus accepts (RE2 syntax: no lookarounds or backreferences); RE2 says: ${error}` });
  });
}
