import type { StackDescription } from "./types.ts";

export interface RenderedFile {
  /** "<component>/<path>", e.g. "prometheus/rules/stack-health.yml". */
  path: string;
  content: string;
}

/** Every generated file, exactly as the program ships it into the containers. */
export function renderedFiles(stack: StackDescription): RenderedFile[] {
  return stack.components.flatMap((component) =>
    component.configFiles.map((file) => ({ path: `${component.name}/${file.path}`, content: file.content })),
  );
}
