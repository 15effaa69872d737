/** The components the stack is made of, in the order they are described and rendered. */
export const COMPONENT_NAMES = ["prometheus", "grafana", "jaeger", "node-exporter", "alertmanager"] as const;

export type ComponentName = (typeof COMPONENT_NAMES)[number];

export function isComponentName(value: string): value is ComponentName {
  return (COMPONENT_NAMES as readonly string[]).includes(value);
}
