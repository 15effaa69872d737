/**
 * The components the stack is made of, in the order they are described and deployed: the one list that
 * the config's per-component sections (images, dataEpochs, kubernetes.resources, kubernetes.storage,
 * kubernetes.ingress.hosts), the stack's description and the commands are made from. Only what config
 * needs to know of a component is here; the rest is its description, components/<component>/description.ts.
 */
const COMPONENTS = {
  prometheus: { title: "Prometheus", keepsData: true, hasUi: true },
  grafana: { title: "Grafana", keepsData: true, hasUi: true },
  jaeger: { title: "Jaeger", keepsData: true, hasUi: true },
  "node-exporter": { title: "node-exporter", keepsData: false, hasUi: false },
  alertmanager: { title: "Alertmanager", keepsData: true, hasUi: true },
  // The demo LLM service (`demo.enabled`), off by default: simulated LLM calls for the dashboards and alerts.
  demo: { title: "Demo LLM service", keepsData: false, hasUi: false },
} as const satisfies Record<string, { title: string; keepsData: boolean; hasUi: boolean }>;

type Components = typeof COMPONENTS;
export type ComponentName = keyof Components;
/** Components that keep data on a volume of their own. */
export type DataComponentName = { [N in ComponentName]: Components[N]["keepsData"] extends true ? N : never }[ComponentName];
/** Components a person opens in a browser, which an Ingress can route to. */
export type UiComponentName = { [N in ComponentName]: Components[N]["hasUi"] extends true ? N : never }[ComponentName];

export const COMPONENT_NAMES = Object.keys(COMPONENTS) as readonly ComponentName[];
export const DATA_COMPONENT_NAMES = COMPONENT_NAMES.filter((name) => COMPONENTS[name].keepsData) as readonly DataComponentName[];
export const UI_COMPONENT_NAMES = COMPONENT_NAMES.filter((name) => COMPONENTS[name].hasUi) as readonly UiComponentName[];

export function isComponentName(value: string): value is ComponentName {
  return (COMPONENT_NAMES as readonly string[]).includes(value);
}

/** What a person calls a component: "Prometheus". */
export function componentTitle(name: ComponentName): string {
  return COMPONENTS[name].title;
}
