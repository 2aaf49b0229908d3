import type { CorpusProblem } from "../corpus/errors.js";
import type { CorpusWarning } from "../corpus/warnings.js";
import type { LibraryParts } from "../store/snapshot.js";
import type { Folders } from "./open.js";
import type { BuildProgress } from "./progress.js";
import { runWorker } from "./worker.js";

export type WorkerOutcome =
  | { ok: true; saved: true; warnings: CorpusWarning[]; fingerprint: string }
  /** DATA_DIR could not be written: the library built comes back with the outcome. */
  | { ok: true; saved: false; warnings: CorpusWarning[]; fingerprint: string; builtAt: string; parts: LibraryParts }
  | { ok: false; problems: CorpusProblem[] }
  | { ok: false; failure: string };

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
  return runWorker<WorkerOutcome, BuildProgress>(WORKER, { folders, previousArticles }, "the index worker", onProgress);
}
