import type { ComponentName } from "../config/components.ts";
import type { ComponentDescription, StackDescription } from "../components/types.ts";

/** Deploys every component of the stack, in its order: what each became, by the component's name. */
export function deployEach<T>(stack: StackDescription, deploy: (description: ComponentDescription) => T): Map<ComponentName, T> {
  return new Map(stack.components.map((description) => [description.name, deploy(description)]));
}
