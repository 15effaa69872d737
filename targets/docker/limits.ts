import { quantityValue } from "../../config/quantity.ts";
import type { Resources } from "../../components/types.ts";

/**
 * The fewest CPUs a Docker engine may have: Docker Desktop, Colima and WSL2 can be set to one. Docker
 * refuses to create a container whose CPU limit is above the engine's CPU count ("Range of CPUs is from
 * 0.01 to 1.00, as there are only 1 CPUs available"), so no container here asks for more.
 */
export const SMALLEST_ENGINE_CPUS = 1;

/** Docker's limits from a description's Kubernetes-style resources: CPUs as a decimal, memory in MB. */
export function dockerLimits(resources: Resources): { cpus: string; memory: number; memoryReservation: number } {
  const mebibytes = (quantity: string) => Math.ceil(quantityValue(quantity) / 2 ** 20);
  return {
    cpus: String(Math.min(quantityValue(resources.cpuLimit), SMALLEST_ENGINE_CPUS)),
    memory: mebibytes(resources.memoryLimit),
    memoryReservation: mebibytes(resources.memoryRequest),
  };
}
