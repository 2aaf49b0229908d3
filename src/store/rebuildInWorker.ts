import { Worker } from "node:worker_threads";
import type { CorpusProblem } from "../corpus/errors.js";
import type { CorpusWarning } from "../corpus/warnings.js";
import type { Folders } from "./open.js";
import type { BuildProgress } from "./progress.js";
import type { LibraryParts } from "./snapshot.js";

export type WorkerOutcome =
  | { ok: true; saved: true; warnings: CorpusWarning[]; fingerprint: string }
  /** DATA_DIR could not be written: the library built comes back with the outcome. */
  | { ok: true; saved: false; warnings: CorpusWarning[]; fingerprint: string; builtAt: string; parts: LibraryParts }
  | { ok: false; problems: CorpusProblem[] }
  | { ok: false; failure: string };

const BOOTSTRAP = new URL("./tsxWorker.mjs", import.meta.url);
const WORKER = new URL("./buildWorker.ts", import.meta.url);

/**
 * Runs a rebuild in a worker thread, so that answering never waits for it. `previousArticles` is how
 * many articles the index being served has: an empty corpus folder never replaces it.
 */
export function rebuildInWorker(
  folders: Folders,
  previousArticles: number,
  onProgress: (progress: BuildProgress) => void = () => {},
): Promise<WorkerOutcome> {
  return new Promise((resolve) => {
    // The bootstrap registers tsx in the worker, whoever started this process (tsx, vitest).
    const worker = new Worker(BOOTSTRAP, { workerData: { module: WORKER.href, data: { folders, previousArticles } } });
    let settled = false;
    const settle = (outcome: WorkerOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    worker.on("message", (message: WorkerOutcome | { progress: BuildProgress }) => {
      if ("progress" in message) onProgress(message.progress);
      else settle(message);
    });
    worker.once("error", (error) => settle({ ok: false, failure: error.stack ?? error.message }));
    worker.once("exit", (code) => settle({ ok: false, failure: `the index worker exited with code ${code}` }));
  });
}
