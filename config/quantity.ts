/**
 * Kubernetes resource quantities ("250m", "1", "512Mi", "10Gi", "1e3"), read as numbers so the Docker
 * renderer can convert them and config validation can compare a limit with its request.
 */
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei)|(m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export function isQuantity(text: string): boolean {
  return QUANTITY.test(text);
}

/** The value of a quantity in base units (cores for CPU, bytes for memory and storage). */
export function quantityValue(text: string): number {
  const match = QUANTITY.exec(text);
  if (!match) throw new Error(`"${text}" is not a Kubernetes quantity (e.g. 250m, 1, 512Mi, 10Gi)`);
  const [, number, binary, decimal, exponent] = match;
  const base = Number(number);
  if (binary) return base * BINARY[binary]!;
  if (decimal) return base * DECIMAL[decimal]!;
  if (exponent) return base * 10 ** Number(exponent);
  return base;
}
