import { Engine } from "../answer/engine.js";
import type { ArticleCard } from "../answer/types.js";
import { CorpusError, type CorpusProblem } from "../corpus/errors.js";
import type { Folders } from "../store/open.js";
import { rebuildInWorker } from "../store/rebuildInWorker.js";
import { loadSnapshot } from "../store/snapshot.js";

export interface CorpusChanges {
  added: string[];
  removed: string[];
  changed: string[];
  passagesBefore: number;
  passagesAfter: number;
}

export type ReindexOutcome =
  | { ok: true; articles: number; passages: number; milliseconds: number; changes: CorpusChanges; warnings: string[] }
  | { ok: false; problems: CorpusProblem[]; message: string };

/**
 * The running bot's state: the engine that answers now, and reindexing that swaps in a new one only
 * when the new corpus is valid. A reindex asked for while one runs joins it rather than starting another.
 */
export class Citebot {
  private running: Promise<ReindexOutcome> | null = null;

  constructor(
    private current: Engine,
    readonly folders: Folders,
    readonly moderatorRoleIds: readonly string[] = [],
  ) {}

  get engine(): Engine {
    return this.current;
  }

  /** True while a reindex runs. */
  get reindexing(): boolean {
    return this.running !== null;
  }

  reindex(): Promise<ReindexOutcome> {
    this.running ??= this.rebuild().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Builds in a worker thread, then swaps the new engine in at once; questions meanwhile use the old one. */
  private async rebuild(): Promise<ReindexOutcome> {
    const started = performance.now();
    const before = this.current;
    const built = await rebuildInWorker(this.folders);
    if (!built.ok) {
      if ("problems" in built) return { ok: false, problems: built.problems, message: new CorpusError(built.problems).message };
      throw new Error(`reindex failed: ${built.failure}`);
    }
    const loaded = await loadSnapshot(this.folders.dataDir);
    if (!loaded.snapshot) throw new Error(`reindex wrote a snapshot that cannot be read back: ${loaded.problem ?? "missing"}`);
    const engine = new Engine(loaded.snapshot.library, loaded.snapshot.builtAt, loaded.snapshot.fingerprint);
    this.current = engine;
    const { articles, passages } = engine.stats();
    const milliseconds = performance.now() - started;
    return { ok: true, articles, passages, milliseconds, warnings: built.warnings, changes: changesBetween(before, engine) };
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
