import type { StackConfig } from "../config/schema.ts";
import { EMITTERS, carries } from "../metrics/catalog/emitters.ts";
import { SIGNAL_NAMES } from "../metrics/catalog/signals.ts";
import type { Panel } from "./common/panels.ts";
import type { ReadingPanel } from "./common/gapNotes.ts";
import { llmPerformancePanels } from "./llmPerformance.ts";
import { llmUsagePanels } from "./llmUsage.ts";

const DASHBOARDS: { title: string; panels: (config: StackConfig) => ReadingPanel<Panel>[] }[] = [
  { title: "LLM Performance", panels: llmPerformancePanels },
  { title: "LLM Usage & Cost", panels: llmUsagePanels },
];

/**
 * The README's "which emitter feeds which panel" table, from what each panel reads and what each emitter
 * carries (the same facts the conformance tests check against each emitter's real output): a panel has
 * data for an emitter that carries every signal it reads; otherwise the cell names the first one missing.
 */
export function emitterPanelTable(config: StackConfig): string {
  const header = ["Dashboard", "Panel", ...EMITTERS.map((emitter) => emitter.name)];
  const rows = DASHBOARDS.flatMap((dashboard) =>
    dashboard.panels(config).map(({ panel, reads }) => [
      dashboard.title,
      panel.build().title ?? "",
      ...EMITTERS.map((emitter) => {
        const missing = reads.find((signal) => !carries(emitter, signal));
        return missing ? `no ${SIGNAL_NAMES[missing]}` : "yes";
      }),
    ]),
  );
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
