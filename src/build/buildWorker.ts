import { CorpusError } from "../corpus/errors.js";
import type { ReindexJobs } from "../pool/jobs.js";
import { serveJobs } from "../pool/serve.js";
import { partsOf } from "../store/snapshot.js";
import { rebuildSnapshot } from "./open.js";

/**
 * Worker thread: validates the corpus, builds the index and saves the snapshot, all off the bot's
 * event loop, reporting its progress. Answers what happened: the bot then loads the snapshot it
 * wrote, or, when DATA_DIR could not be written, takes the library itself (copied: a rare path).
 */
serveJobs<ReindexJobs>({
  async reindex({ folders, previousArticles }, { progress }) {
    try {
      const { warnings, fingerprint, saved, library, builtAt } = await rebuildSnapshot(folders, { previousArticles, onProgress: progress });
      const passages = library.passages.length;
      if (saved) return { ok: true, saved, warnings, fingerprint, passages };
      return { ok: true, saved, warnings, fingerprint, passages, builtAt, parts: partsOf(library) };
    } catch (error) {
      if (error instanceof CorpusError) return { ok: false, problems: error.problems };
      return { ok: false, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
  },
});
