import { Worker } from "node:worker_threads";
import type { CorpusProblem } from "../corpus/errors.js";
import type { Folders } from "./open.js";

export type WorkerOutcome =
  | { ok: true; warnings: string[]; fingerprint: string }
  | { ok: false; problems: CorpusProblem[] }
  | { ok: false; failure: string };

const BOOTSTRAP = new URL("./tsxWorker.mjs", import.meta.url);
const WORKER = new URL("./buildWorker.ts", import.meta.url);

/** Runs a rebuild in a worker thread, so that answering never waits for it. */
export function rebuildInWorker(folders: Folders): Promise<WorkerOutcome> {
  return new Promise((resolve) => {
    // The bootstrap registers tsx in the worker, whoever started this process (tsx, vitest).
    const worker = new Worker(BOOTSTRAP, { workerData: { module: WORKER.href, data: folders } });
    let settled = false;
    worker.once("message", (outcome: WorkerOutcome) => {
      settled = true;
      resolve(outcome);
    });
    worker.once("error", (error) => {
      if (!settled) resolve({ ok: false, failure: error.stack ?? error.message });
      settled = true;
    });
    worker.once("exit", (code) => {
      if (!settled) resolve({ ok: false, failure: `the index worker exited with code ${code}` });
    });
  });
}
