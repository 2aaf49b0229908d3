import type { AskOptions } from "../answer/ask.js";
import type { Answer } from "../answer/types.js";
import type { Folders } from "../build/open.js";
import type { BuildProgress } from "../build/progress.js";
import type { WorkerOutcome } from "../build/rebuildInWorker.js";
import type { Article } from "../corpus/article.js";
import type { LibraryPart } from "../library/build.js";
import type { ExtractedArticle } from "../link/plainText.js";
import type { Prose } from "../prose.js";

/**
 * Every kind of job the bot's threads run, in one place: what each is sent, what it answers, and
 * the progress it reports. The bot's side (pool.ts) and each worker's (serve.ts) are typed from it.
 */
export interface JobSpec {
  input: unknown;
  output: unknown;
  progress?: unknown;
}

/** A table of job kinds, each its spec: the pool and the worker are typed from one. */
export type JobTable<J> = { [K in keyof J]: JobSpec };

/** The corpus folder's fingerprint, read on a thread of its own while the snapshot loads (build/fingerprintWorker.ts). */
export type FingerprintJobs = {
  fingerprint: { input: { corpusDir: string }; output: string };
};

/** A reindex: the corpus checked, built and saved as a snapshot (build/buildWorker.ts). */
export type ReindexJobs = {
  reindex: { input: { folders: Folders; previousArticles: number }; output: WorkerOutcome; progress: BuildProgress };
};

/** One run of articles built into a part of the library, on a build's helper thread (build/partWorker.ts). */
export type PartJobs = {
  /** A run of the corpus's articles, and the corpus's common component of sentence vectors (null without word vectors). */
  part: {
    input: { articles: Article[]; common: Float32Array | null };
    output: LibraryPart;
    progress: { articles: number; passages: number };
  };
};

/** Which build of which index: the folder its snapshot is saved in, and the build the bot serves. */
export interface EngineRef {
  dataDir: string;
  builtAt: string;
  fingerprint: string;
}

/**
 * Questions answered off the bot's event loop (answer/answerWorker.ts), from the shared corpus and
 * the server's own articles. `stale` when the snapshot on disk is not the build the bot serves.
 */
export type AnswerJobs = {
  ask: {
    input: { shared: EngineRef; server: EngineRef | null; question: string; options: AskOptions; budgetBytes: number };
    output: { answer: Answer } | { stale: "shared" | "server" };
  };
  /** Loads an index before the first question needs it. */
  load: { input: { ref: EngineRef; budgetBytes: number; pinned: boolean }; output: { loaded: boolean } };
};

/** A fetched page read: the article taken out of it, or why it is refused (link/extractWorker.ts). */
export type ExtractJobs = {
  extract: { input: { html: string; url: string }; output: { article: ExtractedArticle } | { refused: Prose } };
};

/** What the bot sends a worker. */
export interface ToWorker {
  id: number;
  kind: string;
  input: unknown;
}

/** What a worker sends back: progress, then its output or why it failed. */
export type FromWorker =
  | { id: number; progress: unknown }
  | { id: number; ok: true; output: unknown }
  | { id: number; ok: false; error: string };
