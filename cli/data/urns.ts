import type { ComponentName } from "../../config/components.ts";
import { COMPONENT_NAMES } from "../../config/components.ts";
import type { StackConfig } from "../../config/schema.ts";

/** The Pulumi project name (Pulumi.yaml). */
export const PROJECT = "llmobs";

export function componentType(config: StackConfig): string {
  return config.target === "docker" ? "llmobs:docker:Component" : "llmobs:kubernetes:Component";
}

/**
 * URN patterns for one component and everything under it, in Pulumi's target/exclude glob syntax
 * (`**` spans segments, `*` stays within one): the component itself, and its children, whose names all
 * start with the component's name.
 */
export function componentPatterns(stack: string, config: StackConfig, component: ComponentName): string[] {
  const type = componentType(config);
  return [`urn:pulumi:${stack}::${PROJECT}::${type}::${component}`, `urn:pulumi:${stack}::${PROJECT}::${type}$**::${component}*`];
}

/** Every component but these: what an update of them leaves alone. */
export function otherComponentsPatterns(stack: string, config: StackConfig, components: readonly ComponentName[]): string[] {
  return COMPONENT_NAMES.filter((other) => !components.includes(other)).flatMap((other) => componentPatterns(stack, config, other));
}

/** Pulumi's glob matching (pkg/engine: `**` -> .*, `*` -> [^:]*, the rest literal). */
export function urnMatches(pattern: string, urn: string): boolean {
  const regex = pattern
    .split("**")
    .map((segment) => segment.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[^:]*"))
    .join(".*");
  return new RegExp(`^${regex}$`).test(urn);
}
