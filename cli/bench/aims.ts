/** What the recording layer must save, as `npm run bench` measures it. */
export const BENCH_AIMS = {
  /** The usage dashboard's query time on the recorded series, as a share of the same panels on the raw ones. */
  queryRatio: 0.25,
  /** Active series the recording rules add, as a share of the raw series they read. */
  seriesRatio: 0.2,
} as const;
