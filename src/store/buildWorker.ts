import { parentPort, workerData } from "node:worker_threads";
import { CorpusError } from "../corpus/errors.js";
import { rebuildSnapshot, type Folders } from "./open.js";

/**
 * Worker thread: validates the corpus, builds the index and saves the snapshot, all off the bot's
 * event loop. Posts back what happened; the bot then loads the snapshot it wrote.
 */
const folders = (workerData as { data: Folders }).data;
rebuildSnapshot(folders).then(
  ({ warnings, fingerprint }) => parentPort!.postMessage({ ok: true, warnings, fingerprint }),
  (error: unknown) =>
    parentPort!.postMessage(
      error instanceof CorpusError
        ? { ok: false, problems: error.problems }
        : { ok: false, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) },
    ),
);
