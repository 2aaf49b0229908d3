import { Engine } from "../answer/engine.js";
import { type Folders, rebuild } from "../build/open.js";
import type { BuildProgress } from "../build/progress.js";
import { rebuildInWorker } from "../build/rebuildInWorker.js";
import { CorpusError, type CorpusProblem } from "../corpus/errors.js";
import type { CorpusWarning } from "../corpus/warnings.js";
import type { ArticleCard } from "../library/articleCard.js";
import type { ReindexJobs } from "../pool/jobs.js";
import type { JobRunner } from "../pool/pool.js";
import { libraryFromParts } from "../store/snapshot.js";

export interface CorpusChanges {
  added: string[];
  removed: string[];
  changed: string[];
  passagesBefore: number;
  passagesAfter: number;
}

export type ReindexOutcome =
  | {
      ok: true;
      articles: number;
      passages: number;
      milliseconds: number;
      changes: CorpusChanges;
      warnings: CorpusWarning[];
      /** False when DATA_DIR could not be written: the new index serves from memory. */
      saved: boolean;
    }
  | { ok: false; problems: CorpusProblem[]; message: string };

export type ProgressListener = (progress: BuildProgress) => void;

/**
 * Reindexing: one rebuild at a time, on a thread of the process's reindex pool, swapped in only when the new corpus is
 * valid. A reindex asked for while one runs joins it (and hears its progress) rather than starting another.
 */
export class Reindexer {
  private running: Promise<ReindexOutcome> | null = null;
  /** Whoever waits on the running reindex and wants to hear how far it is. */
  private readonly listeners = new Set<ProgressListener>();

  constructor(
    private readonly folders: Folders,
    /** The engine serving now, and how to swap the new one in. */
    private readonly current: { get(): Engine; set(engine: Engine): void },
    /** A server's own articles may all be removed; the shared corpus is never replaced by an empty folder. */
    private readonly mayBeEmpty = false,
    /** The threads reindexes run on; none: build on this thread (the command line, which serves nothing meanwhile). */
    private readonly threads: JobRunner<ReindexJobs> | null,
  ) {}

  /** True while a reindex runs. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Rebuilds the index, or joins the rebuild already running; onProgress hears how far it is. */
  reindex(onProgress?: ProgressListener): Promise<ReindexOutcome> {
    this.running ??= this.rebuild().finally(() => {
      this.running = null;
      this.listeners.clear();
    });
    if (onProgress) this.listeners.add(onProgress);
    return this.running;
  }

  /** Waits for the running reindex, if any, whatever its outcome. */
  async settled(): Promise<void> {
    await this.running?.catch(() => {});
  }

  /** Builds in a worker thread, then swaps the new engine in at once; questions meanwhile use the old one. */
  private async rebuild(): Promise<ReindexOutcome> {
    const started = performance.now();
    const before = this.current.get();
    const previousArticles = this.mayBeEmpty ? 0 : before.articles.length;
    const onProgress = (progress: BuildProgress) => {
      for (const listener of this.listeners) listener(progress);
    };
    if (!this.threads) return this.rebuildHere(started, before, previousArticles, onProgress);
    const built = await rebuildInWorker(this.threads, this.folders, previousArticles, {
      onProgress,
      onWait: (ahead) => onProgress({ stage: "waiting", ahead }),
    });
    if (!built.ok) {
      // A corpus problem, or the build itself failed: either way the previous index keeps serving,
      // and the moderator is told what went wrong.
      const problems =
        "problems" in built
          ? built.problems
          : [{ file: "index.snapshot", problem: "the index could not be built (the bot's log says why)", detail: built.failure }];
      return { ok: false, problems, message: new CorpusError(problems).message };
    }
    const engine = new Engine(libraryFromParts(built.parts), built.builtAt, built.fingerprint);
    return this.swapIn(started, before, engine, built.warnings, built.saved);
  }

  /** The rebuild on this thread: what the worker does, without one. */
  private async rebuildHere(
    started: number,
    before: Engine,
    previousArticles: number,
    onProgress: (progress: BuildProgress) => void,
  ): Promise<ReindexOutcome> {
    let built: Awaited<ReturnType<typeof rebuild>>;
    try {
      built = await rebuild(this.folders, { previousArticles, onProgress });
    } catch (error) {
      if (!(error instanceof CorpusError)) throw error;
      return { ok: false, problems: error.problems, message: error.message };
    }
    return this.swapIn(started, before, built.engine, built.warnings, built.saved);
  }

  /** The new engine serves from now on; the outcome says what it holds and what changed. */
  private swapIn(started: number, before: Engine, engine: Engine, warnings: CorpusWarning[], saved: boolean): ReindexOutcome {
    this.current.set(engine);
    const { articles, passages } = engine.stats();
    return {
      ok: true,
      articles,
      passages,
      milliseconds: performance.now() - started,
      warnings,
      changes: changesBetween(before, engine),
      saved,
    };
  }
}

export function changesBetween(before: Engine, after: Engine): CorpusChanges {
  const hashes = (articles: readonly ArticleCard[]) => new Map(articles.map((a) => [a.id, a.textHash]));
  const old = hashes(before.articles);
  const now = hashes(after.articles);
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    removed: [...old.keys()].filter((id) => !now.has(id)),
    changed: [...now].filter(([id, hash]) => old.has(id) && old.get(id) !== hash).map(([id]) => id),
    passagesBefore: before.stats().passages,
    passagesAfter: after.stats().passages,
  };
}
