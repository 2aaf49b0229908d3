import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // Vitest leaves a core free by default; on a 2-core machine that is one file at a time, while
    // many files mostly wait on the processes they start. Two at least halves the wait.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
