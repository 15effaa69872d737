import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The engine lane runs the real Pulumi engine: `npm run test:engine` (vitest.engine.config.ts).
    exclude: ["test/engine/**", "**/node_modules/**"],
    // Each file runs in its own process: Pulumi's runtime is global state, and mocks must be set before
    // the program is imported.
    pool: "forks",
    isolate: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
