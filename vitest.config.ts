import { defineConfig } from "vitest/config";

/** The fast lane: pure code, and the Pulumi program under mocks; no process is started (noProcesses.ts). */
const UNIT = "test/unit/**/*.test.ts";
const PROGRAM = "test/program/**/*.test.ts";
const NO_PROCESSES = "test/support/lanes/noProcesses.ts";

export default defineConfig({
  test: {
    pool: "forks",
    isolate: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      // Pure functions share one module cache per worker: loading the SDKs once is most of the lane's time.
      { extends: true, test: { name: "unit", include: [UNIT], isolate: false, setupFiles: [NO_PROCESSES] } },
      // Each file in its own process: Pulumi's runtime is global state, and mocks must be set before the
      // program is imported.
      { extends: true, test: { name: "program", include: [PROGRAM], setupFiles: [NO_PROCESSES] } },
      // Everything that starts a process: the pinned tools (rules, integration), the commands, git.
      // The engine lane (test/engine) runs the real Pulumi engine on its own: `npm run test:engine`
      // (vitest.engine.config.ts).
      { extends: true, test: { name: "processes", include: ["test/**/*.test.ts"], exclude: [UNIT, PROGRAM, "test/engine/**", "**/node_modules/**"] } },
    ],
  },
});
