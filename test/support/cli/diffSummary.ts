/** What a diff summary names: it sets every dashboard, panel, rule and config file it reports in bold, and nothing else. */
export function namedInSummary(summary: string): string[] {
  return [...summary.matchAll(/\*\*(.+?)\*\*/g)].map((match) => match[1]!);
}
