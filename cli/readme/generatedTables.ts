import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";
import type { StackDescription } from "../../components/types.ts";
import { imagesTable, portsTable, resourcesTable, stackConfigTable } from "./stackTables.ts";
import { namingFormsTable } from "../../metrics/catalog/namingTable.ts";
import { emitterPanelTable } from "../../dashboards/emitterPanelTable.ts";

/** The README's tables written from the code, by the name their markers carry. */
export const TABLES: Record<string, (stack: StackDescription) => string> = {
  configuration: stackConfigTable,
  ports: portsTable,
  "pinned images": imagesTable,
  "requests and limits": resourcesTable,
  "naming forms": namingFormsTable,
  // Panel titles hold thresholds: the README shows the defaults.
  "emitter panels": () => emitterPanelTable(defaultConfig()),
};

const begin = (name: string) => `<!-- generated: ${name} table, written by \`npm run readme\` from the code; edit the code, not the table -->`;
const end = (name: string) => `<!-- end of the generated ${name} table -->`;

/** Every default, on Docker: the config the tables describe. */
function defaultConfig() {
  return parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS);
}

/** The stack the tables describe. */
export function defaultStack(): StackDescription {
  return describeStack(defaultConfig());
}

/** The README with each generated table written again between its markers; everything else as it was. */
export function withGeneratedTables(readme: string, stack: StackDescription = defaultStack()): string {
  let text = readme;
  for (const [name, table] of Object.entries(TABLES)) {
    const start = text.indexOf(begin(name));
    const stop = text.indexOf(end(name));
    if (start < 0 || stop < start) throw new Error(`README.md has no place for the ${name} table: put its markers in\n${begin(name)}\n${end(name)}`);
    text = `${text.slice(0, start)}${begin(name)}\n${table(stack)}\n${text.slice(stop)}`;
  }
  return text;
}
