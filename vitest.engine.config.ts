import { defineConfig } from "vitest/config";

/**
 * The engine lane: the program and the data commands under the real Pulumi CLI, its Node.js language host
 * and the Kubernetes provider that `npm run tools` builds (test/engine). Its steps build on each other and
 * run one after another.
 */
export default defineConfig({
  test: {
    include: ["test/engine/**/*.test.ts"],
    pool: "forks",
    isolate: true,
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
