import { describe, expect, test } from "vitest";
import { COMPONENT_NAMES, componentTitle, DATA_COMPONENT_NAMES, UI_COMPONENT_NAMES } from "../../config/components.ts";
import { stackConfigSchema } from "../../config/schema.ts";
import { describeStack } from "../../components/stack.ts";
import { parseStackConfig } from "../../config/parse.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

// Every optional component on: node-exporter is on by default, the demo is not.
const config = parseStackConfig({ values: { demo: { enabled: true } }, secrets: {} }, STACK_FACTS);
const stack = describeStack(config);

describe("the component list, defined once in config/components.ts", () => {
  test("the stack describes every component, in the list's order", () => {
    expect(stack.components.map((component) => component.name)).toEqual(COMPONENT_NAMES);
  });

  test("each description agrees with what config knows of it: its title, whether it keeps data and has a UI", () => {
    for (const component of stack.components) {
      expect(component.title, component.name).toBe(componentTitle(component.name));
      expect(component.data !== undefined, `${component.name} keeps data`).toBe((DATA_COMPONENT_NAMES as readonly string[]).includes(component.name));
      expect(component.ui !== undefined, `${component.name} has a UI`).toBe((UI_COMPONENT_NAMES as readonly string[]).includes(component.name));
    }
  });

  test("the config's per-component sections have one key per component the section is about", () => {
    const { shape } = stackConfigSchema;
    const keys = (section: { shape: object }) => Object.keys(section.shape);
    expect(keys(shape.images.unwrap())).toEqual(COMPONENT_NAMES);
    expect(keys(shape.dataEpochs.unwrap())).toEqual(COMPONENT_NAMES);
    const kubernetes = shape.kubernetes.unwrap().shape;
    expect(keys(kubernetes.resources.unwrap())).toEqual(COMPONENT_NAMES);
    expect(keys(kubernetes.storage.unwrap())).toEqual(DATA_COMPONENT_NAMES);
    expect(keys(kubernetes.ingress.unwrap().shape.hosts.unwrap())).toEqual(UI_COMPONENT_NAMES);
  });
});
