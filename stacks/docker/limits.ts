import { quantityValue } from "../config/quantity.ts";
import type { Resources } from "../components/types.ts";

/** Docker's limits from a description's Kubernetes-style resources: CPUs as a decimal, memory in MB. */
export function dockerLimits(resources: Resources): { cpus: string; memory: number; memoryReservation: number } {
  const mebibytes = (quantity: string) => Math.ceil(quantityValue(quantity) / 2 ** 20);
  return {
    cpus: String(quantityValue(resources.cpuLimit)),
    memory: mebibytes(resources.memoryLimit),
    memoryReservation: mebibytes(resources.memoryRequest),
  };
}
