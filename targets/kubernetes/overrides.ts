import type { StackConfig } from "../../config/schema.ts";
import type { ComponentDescription, Resources } from "../../components/types.ts";

/** The component's requests and limits with the stack's `kubernetes.resources.<component>` laid over them. */
export function effectiveResources(d: ComponentDescription, config: StackConfig): Resources {
  const given = config.kubernetes.resources[d.name] ?? {};
  const defined = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  return { ...d.resources, ...defined };
}

/** The size of the component's data volume: `kubernetes.storage.<component>`, else the description's default. */
export function storageSize(d: ComponentDescription, config: StackConfig): string | undefined {
  if (!d.data) return undefined;
  const storage = config.kubernetes.storage as Partial<Record<string, string>>;
  return storage[d.name] ?? d.data.size;
}
