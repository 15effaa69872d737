/** A number that changed inside an otherwise identical expression, with the comparison before it if any. */
export interface NumberChange {
  before: string;
  after: string;
}

/** A numeric literal standing on its own: not part of a name (node_load1), a duration (5m) or another number. */
const NUMBER = /(?<![\w.])(\d+(?:\.\d+)?(?:e[+-]?\d+)?)(?![\w.])/gi;
const TRAILING_COMPARISON = /(?:[<>]=?|[=!]=)(?:\s*bool)?\s*$/;

function split(expr: string): { text: string[]; numbers: string[] } {
  const parts = expr.split(NUMBER);
  return { text: parts.filter((_, index) => index % 2 === 0), numbers: parts.filter((_, index) => index % 2 === 1) };
}

/**
 * When two PromQL expressions differ only in their numbers (an alert threshold moved: `> 90` became
 * `> 85`), the numbers that changed, each with the comparison in front of it; otherwise undefined. The
 * expressions are not parsed: this only makes the common case readable.
 */
export function numbersOnlyChanges(before: string, after: string): NumberChange[] | undefined {
  const old = split(before);
  const current = split(after);
  if (old.numbers.length !== current.numbers.length) return undefined;
  if (old.text.some((text, index) => text !== current.text[index])) return undefined;
  const changes: NumberChange[] = [];
  old.numbers.forEach((number, index) => {
    const newNumber = current.numbers[index]!;
    if (number === newNumber) return;
    const comparison = old.text[index]!.match(TRAILING_COMPARISON)?.[0].trim();
    const prefix = comparison ? `${comparison} ` : "";
    changes.push({ before: `${prefix}${number}`, after: `${prefix}${newNumber}` });
  });
  return changes.length > 0 ? changes : undefined;
}
