/** A Markdown table: a header row, the separator, one line per row; a `|` inside a cell is escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Inline code, as the README writes values and keys. */
export function code(text: string): string {
  return `\`${text}\``;
}
