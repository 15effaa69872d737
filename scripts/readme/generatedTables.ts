import { parseStackConfig } from "../../stacks/config/parse.ts";
import { namingFormsTable } from "../../alerts/catalog/namingTable.ts";
import { emitterPanelTable } from "../../dashboards/emitterPanelTable.ts";

/**
 * The README's tables written from the code, by the name their markers carry (main's `npm run readme`
 * uses the same markers for its own tables; these two join them there).
 */
export const TABLES: Record<string, () => string> = {
  "naming forms": namingFormsTable,
  // Panel titles hold thresholds: the README shows the defaults.
  "emitter panels": () => emitterPanelTable(parseStackConfig({ values: {}, secrets: {} })),
};

const begin = (name: string) => `<!-- generated: ${name} table, written by \`npm run readme\` from the code; edit the code, not the table -->`;
const end = (name: string) => `<!-- end of the generated ${name} table -->`;

/** The README with each generated table written again between its markers; everything else as it was. */
export function withGeneratedTables(readme: string): string {
  let text = readme;
  for (const [name, table] of Object.entries(TABLES)) {
    const start = text.indexOf(begin(name));
    const stop = text.indexOf(end(name));
    if (start < 0 || stop < start) throw new Error(`README.md has no place for the ${name} table: put its markers in\n${begin(name)}\n${end(name)}`);
    text = `${text.slice(0, start)}${begin(name)}\n${table()}\n${text.slice(stop)}`;
  }
  return text;
}
