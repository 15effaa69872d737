import { z } from "zod";

/** A config section with one key per component named, each read by `field`: `images.<component>`, `dataEpochs.<component>`, ... */
export function perComponent<const N extends string, F extends z.ZodType>(names: readonly N[], field: F) {
  return z.strictObject(Object.fromEntries(names.map((name) => [name, field])) as { [K in N]: F });
}
