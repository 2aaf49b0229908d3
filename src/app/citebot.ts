import type { Engine } from "../answer/engine.js";
import type { ArticleCard } from "../answer/types.js";
import { CorpusError, type CorpusProblem } from "../corpus/errors.js";
import { rebuild, type Folders } from "../store/open.js";

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

  private async rebuild(): Promise<ReindexOutcome> {
    const before = this.current;
    try {
      const { engine, milliseconds, warnings } = await rebuild(this.folders);
      this.current = engine;
      const { articles, passages } = engine.stats();
      return { ok: true, articles, passages, milliseconds, warnings, changes: changesBetween(before, engine) };
    } catch (error) {
      if (!(error instanceof CorpusError)) throw error;
      return { ok: false, problems: error.problems, message: error.message };
    }
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
