import { DEFAULT_RESOURCES } from "../../components/defaultResources.ts";
import { PINNED_IMAGES } from "../../components/images.ts";
import type { StackDescription } from "../../components/types.ts";
import { TTFT_SHARED_BOUNDS } from "../../metrics/ttftBucketBounds.ts";
import { configTable } from "./configTable.ts";
import { code, markdownTable } from "./markdownTable.ts";

/** Every port of every component: where a person reaches it, and the key that moves it. */
export function portsTable(stack: StackDescription): string {
  const rows = stack.components.flatMap((component) =>
    component.ports.map((port) => [
      port.hostPort === undefined ? "—" : String(port.hostPort),
      component.title,
      String(port.containerPort),
      port.purpose,
      port.hostPortKey ? code(`ports.${port.hostPortKey}`) : "not published",
    ]),
  );
  return markdownTable(["Host port", "Component", "Container port", "Purpose", "Config key"], rows);
}

export function imagesTable(stack: StackDescription): string {
  return markdownTable(
    ["Component", "Image"],
    stack.components.map((component) => [component.title, code(PINNED_IMAGES[component.name])]),
  );
}

export function resourcesTable(stack: StackDescription): string {
  return markdownTable(
    ["Component", "CPU request / limit", "Memory request / limit"],
    stack.components.map((component) => {
      const r = DEFAULT_RESOURCES[component.name];
      return [component.title, `${r.cpuRequest} / ${r.cpuLimit}`, `${r.memoryRequest} / ${r.memoryLimit}`];
    }),
  );
}

/** The configuration table, with what only the descriptions and the catalog know: storage sizes and the TTFT bounds. */
export function stackConfigTable(stack: StackDescription): string {
  const sizes = stack.components.flatMap((component) => (component.data ? [`${component.title} ${code(component.data.size)}`] : []));
  return configTable({
    defaults: { "kubernetes.storage": sizes.join(", ") },
    notes: { "slo.ttftSeconds": `: ${TTFT_SHARED_BOUNDS.join(", ")}` },
  });
}
