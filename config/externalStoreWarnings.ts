import { CONFIG_NAMESPACE, type StackConfig } from "./schema.ts";
import type { ConfigProblem as ConfigWarning } from "./problems.ts";
import { componentTitle } from "./components.ts";

/** A component on an external store keeps no volume: a size set for one changes nothing. */
export function externalStoreWarnings(config: StackConfig): ConfigWarning[] {
  const external = [
    ["jaeger", config.jaeger.storage !== undefined, "jaeger.storage"],
    ["grafana", config.grafana.database !== undefined, "grafana.database"],
  ] as const;
  return external.flatMap(([component, onExternalStore, section]) => {
    const size = config.kubernetes.storage[component];
    if (!onExternalStore || size === undefined) return [];
    return [
      {
        key: `${CONFIG_NAMESPACE}:kubernetes.storage.${component}`,
        value: size,
        message: `${size} changes nothing: with ${section}, ${componentTitle(component)} keeps its data in that store and has no volume; remove the key`,
      },
    ];
  });
}
