import { parentPort, workerData } from "node:worker_threads";
import { CorpusError } from "../corpus/errors.js";
import { partsOf } from "../store/snapshot.js";
import { type Folders, rebuildSnapshot } from "./open.js";

/**
 * Worker thread: validates the corpus, builds the index and saves the snapshot, all off the bot's
 * event loop, reporting its progress. Posts back what happened: the bot then loads the snapshot it
 * wrote, or, when DATA_DIR could not be written, takes the library itself (copied: a rare path).
 */
const { folders, previousArticles } = (workerData as { data: { folders: Folders; previousArticles: number } }).data;
rebuildSnapshot(folders, { previousArticles, onProgress: (progress) => parentPort!.postMessage({ progress }) }).then(
  ({ warnings, fingerprint, saved, library, builtAt }) => {
    if (saved) return parentPort!.postMessage({ ok: true, saved, warnings, fingerprint });
    parentPort!.postMessage({ ok: true, saved, warnings, fingerprint, builtAt, parts: partsOf(library) });
  },
  (error: unknown) =>
    parentPort!.postMessage(
      error instanceof CorpusError
        ? { ok: false, problems: error.problems }
        : { ok: false, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) },
    ),
);
