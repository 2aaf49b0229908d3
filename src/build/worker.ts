import { Worker } from "node:worker_threads";

/** A worker's failure: what it threw, or how it ended without an answer. */
export interface WorkerFailure {
  ok: false;
  failure: string;
}

/** Registers tsx in the worker, whoever started this process (tsx, vitest), then loads the module. */
const BOOTSTRAP = new URL("./tsxWorker.mjs", import.meta.url);

/**
 * Runs `module` in a worker thread with `data`, passing on its progress messages, and resolves with
 * the first other message it posts; a worker that throws or exits before that resolves as a
 * failure, `name` saying which. The worker is stopped once it has answered.
 */
export function runWorker<Outcome, Progress>(
  module: URL,
  data: unknown,
  name: string,
  onProgress: (progress: Progress) => void,
): Promise<Outcome | WorkerFailure> {
  return new Promise((resolve) => {
    const worker = new Worker(BOOTSTRAP, { workerData: { module: module.href, data } });
    let settled = false;
    const settle = (outcome: Outcome | WorkerFailure) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
      void worker.terminate();
    };
    worker.on("message", (message: Outcome | { progress: Progress }) => {
      if (typeof message === "object" && message !== null && "progress" in message) onProgress(message.progress);
      else settle(message);
    });
    worker.once("error", (error) => settle({ ok: false, failure: error.stack ?? error.message }));
    worker.once("exit", (code) => settle({ ok: false, failure: `${name} exited with code ${code}` }));
  });
}
