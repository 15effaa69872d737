import { QueryVariableBuilder, VariableRefresh, VariableSort } from "@grafana/grafana-foundation-sdk/dashboard";
import { PROMETHEUS } from "./datasources.ts";

/**
 * A multi-value template variable over one label of a series, with All (".*"). `within` narrows the
 * values to those matching earlier variables, e.g. only the models the selected agents use.
 */
export function labelVariable(label: string, title: string, series: string, within = ""): QueryVariableBuilder {
  const query = `label_values(${series}${within ? `{${within}}` : ""}, ${label})`;
  return new QueryVariableBuilder(label)
    .label(title)
    .description(`Filters every panel by ${label}.`)
    .datasource(PROMETHEUS)
    .query(query)
    .definition(query)
    .multi(true)
    .includeAll(true)
    .allValue(".*")
    .current({ selected: true, text: ["All"], value: ["$__all"] })
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc);
}
