import { CorpusError } from "../corpus/errors.js";
import type { ReindexJobs } from "../pool/jobs.js";
import { Moved, ownBuffers, serveJobs } from "../pool/serve.js";
import { arraysOfParts, partsOf } from "../store/snapshot.js";
import { rebuildSnapshot } from "./open.js";

/**
 * Worker thread: validates the corpus, builds the index and saves the snapshot, all off the bot's
 * event loop, reporting its progress. Answers what happened, with the library built: its typed
 * arrays moved to the bot's thread, not copied, so that the bot need not read back what was just
 * written (at a million passages, seconds).
 */
serveJobs<ReindexJobs>({
  async reindex({ folders, previousArticles }, { progress }) {
    try {
      const { warnings, fingerprint, saved, library, builtAt } = await rebuildSnapshot(folders, { previousArticles, onProgress: progress });
      const parts = partsOf(library);
      const outcome = { ok: true as const, saved, warnings, fingerprint, passages: library.passages.length, builtAt, parts };
      return new Moved(outcome, ownBuffers(arraysOfParts(parts)));
    } catch (error) {
      if (error instanceof CorpusError) return { ok: false, problems: error.problems };
      return { ok: false, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
  },
});
