import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/** Files that replace a module with a stand-in (vi.mock): they get modules of their own. */
const MOCKING = ["test/link/rebinding.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    globalSetup: ["test/support/temporaryRoot.ts"],
    // Vitest leaves a core free by default; on a 2-core machine that is one file at a time, while
    // many files mostly wait on the processes they start. Two at least halves the wait.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        // Test files share a worker's loaded modules (the language model, the word vectors): loading
        // them again for every file was half of the suite's time. No test depends on fresh modules.
        test: { name: "shared", include: ["test/**/*.test.ts"], exclude: MOCKING, isolate: false },
      },
      { extends: true, test: { name: "isolated", include: MOCKING, isolate: true } },
    ],
  },
});
