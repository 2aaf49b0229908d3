import type { CorpusProblem } from "../corpus/errors.js";
import type { CorpusWarning } from "../corpus/warnings.js";
import type { ReindexJobs } from "../pool/jobs.js";
import { JobDeadlineError, type JobRunner, processPool, type WorkerPool } from "../pool/pool.js";
import type { LibraryParts } from "../store/snapshot.js";
import type { Folders } from "./open.js";
import type { BuildProgress } from "./progress.js";

export type WorkerOutcome =
  /** The library built comes back with the outcome; `saved` says whether its snapshot was written too. */
  | { ok: true; saved: boolean; warnings: CorpusWarning[]; fingerprint: string; passages: number; builtAt: string; parts: LibraryParts }
  | { ok: false; problems: CorpusProblem[] }
  | { ok: false; failure: string };

const WORKER = new URL("./buildWorker.ts", import.meta.url);

/**
 * The threads reindexes run on, one reindex a thread, `size` at once in the whole process: more
 * wait their turn, so that many servers reindexing together share the cores instead of each taking
 * one. One pool a process, shared by whoever asks for it (a bot takes a lease of it).
 */
export function reindexPool(size: number): WorkerPool<ReindexJobs> {
  return processPool<ReindexJobs>({
    name: "the index worker",
    module: WORKER,
    size,
    maxQueued: 100_000,
    recycle: "after-each-job",
    // A thread that built a small index is kept a while for the next (a server's edits come in runs):
    // its start-up, a second of loading the language model and word vectors, is paid once. A large
    // build's thread goes at once, and its memory with it.
    keep: { after: (outcome) => isSmallBuild(outcome as WorkerOutcome), idleMs: KEEP_THREAD_IDLE_MS },
  });
}

const isSmallBuild = (outcome: WorkerOutcome) => outcome.ok && outcome.passages <= KEEP_THREAD_UP_TO_PASSAGES;

/** A reindex thread is kept for the next after building at most this many passages… */
const KEEP_THREAD_UP_TO_PASSAGES = 50_000;
/** …for this long idle. */
const KEEP_THREAD_IDLE_MS = 30_000;

export interface RebuildInWorkerOptions {
  onProgress?: (progress: BuildProgress) => void;
  /** Told how many reindexes are ahead when this one waits for a thread. */
  onWait?: (ahead: number) => void;
  /** The reindex is ended after running this long. */
  deadlineMs?: number;
}

/**
 * Runs a rebuild on the pool's threads, so that answering never waits for it. `previousArticles` is
 * how many articles the index being served has: an empty corpus folder never replaces it. A build
 * that fails or overruns comes back as a failure, never thrown.
 */
export async function rebuildInWorker(
  pool: JobRunner<ReindexJobs>,
  folders: Folders,
  previousArticles: number,
  { onProgress, onWait, deadlineMs }: RebuildInWorkerOptions = {},
): Promise<WorkerOutcome> {
  try {
    return await pool.run("reindex", { folders, previousArticles }, { onProgress, onWait, deadlineMs });
  } catch (error) {
    if (error instanceof JobDeadlineError) return { ok: false, failure: `it took longer than ${Math.round(error.deadlineMs / 1000)} s` };
    return { ok: false, failure: error instanceof Error ? error.message : String(error) };
  }
}
