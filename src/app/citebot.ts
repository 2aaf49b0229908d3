import { Engine } from "../answer/engine.js";
import type { ArticleCard } from "../answer/types.js";
import { CorpusError, type CorpusProblem } from "../corpus/errors.js";
import { watch } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { ARTICLE_ID_PATTERN } from "../corpus/article.js";
import type { Folders } from "../store/open.js";
import { Cooldown } from "./cooldown.js";
import { articleIdFromFileName, checkArticleFile, checkMetadata, CorpusChange, CorpusEditError, MAX_ARTICLE_BYTES } from "./corpusFiles.js";
import { rebuildInWorker } from "../store/rebuildInWorker.js";
import { loadSnapshot, snapshotPath } from "../store/snapshot.js";

export interface CorpusChanges {
  added: string[];
  removed: string[];
  changed: string[];
  passagesBefore: number;
  passagesAfter: number;
}

export type EditOutcome =
  | { ok: true; id: string; replaced: boolean; reindex: Extract<ReindexOutcome, { ok: true }> }
  | { ok: false; problems: CorpusProblem[] };

/** An uploaded file, read on demand (from Discord's CDN, or from disk in the console). */
export interface Upload {
  name: string;
  size: number;
  read(): Promise<Uint8Array>;
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
  /** Corpus edits, one at a time, each after any reindex already running. */
  private edits: Promise<unknown> = Promise.resolve();

  readonly moderatorRoleIds: readonly string[];
  /** Limits how often one user may /ask. */
  readonly askCooldown: Cooldown;

  constructor(
    private current: Engine,
    readonly folders: Folders,
    options: { moderatorRoleIds?: readonly string[]; askCooldownSeconds?: number } = {},
  ) {
    this.moderatorRoleIds = options.moderatorRoleIds ?? [];
    this.askCooldown = new Cooldown(options.askCooldownSeconds ?? 0);
  }

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

  /**
   * Adds (or with `replace`, replaces) an article from an upload, then reindexes. Everything is
   * checked before anything is written; if the reindex fails, the corpus folder is put back as it was.
   * Throws CorpusEditError for a request that cannot be done.
   */
  addArticle(upload: Upload, metadataInput: Parameters<typeof checkMetadata>[0], replace: boolean): Promise<EditOutcome> {
    return this.exclusive(async () => {
      const id = articleIdFromFileName(upload.name);
      if (upload.size > MAX_ARTICLE_BYTES) throw new CorpusEditError(`The file is ${upload.size} bytes; articles can be at most ${MAX_ARTICLE_BYTES} bytes.`);
      const text = checkArticleFile(upload.name, await upload.read());
      const metadata = checkMetadata(metadataInput);
      const existing = await this.existingFile(id);
      if (existing && !replace) throw new CorpusEditError(`There is already an article with the id ${existing.replace(/\.txt$/i, "")}. Set replace:True to overwrite it.`);
      if (existing && existing !== `${id}.txt`) throw new CorpusEditError(`${existing} differs from ${id}.txt only in case; remove it first.`);
      const change = new CorpusChange(this.folders.corpusDir);
      await change.write(`${id}.txt`, text);
      if (metadata) await change.write(`${id}.json`, `${JSON.stringify(metadata, null, 2)}\n`);
      return this.reindexOrUndo(change, id, existing !== null);
    });
  }

  /** Removes an article (text and metadata), then reindexes; undone if the reindex fails. */
  removeArticle(rawId: string): Promise<EditOutcome> {
    return this.exclusive(async () => {
      const existing = await this.existingFile(rawId.trim());
      if (!existing) throw new CorpusEditError(`There is no article with the id "${rawId.trim()}". /corpus list shows them.`);
      const id = existing.replace(/\.txt$/i, "");
      const change = new CorpusChange(this.folders.corpusDir);
      await change.remove(existing);
      await change.remove(`${id}.json`);
      return this.reindexOrUndo(change, id, true);
    });
  }

  private async reindexOrUndo(change: CorpusChange, id: string, replaced: boolean): Promise<EditOutcome> {
    let outcome: ReindexOutcome;
    try {
      outcome = await this.reindex();
    } catch (error) {
      await change.undo();
      throw error;
    }
    if (!outcome.ok) {
      await change.undo();
      return { ok: false, problems: outcome.problems };
    }
    return { ok: true, id, replaced, reindex: outcome };
  }

  /** The corpus file for an id, matched without regard to case; null when there is none. */
  private async existingFile(id: string): Promise<string | null> {
    if (!ARTICLE_ID_PATTERN.test(id)) return null;
    const names = await readdir(this.folders.corpusDir).catch(() => [] as string[]);
    return names.find((n) => n.toLowerCase() === `${id.toLowerCase()}.txt`) ?? null;
  }

  /**
   * Follows the snapshot file: when another process (another shard's reindex) saves a new one, load
   * it and swap it in. Returns a function that stops following.
   */
  followSnapshot(onSwap: (engine: Engine) => void, onError: (error: unknown) => void): () => void {
    let timer: NodeJS.Timeout | undefined;
    const reload = async () => {
      const loaded = await loadSnapshot(this.folders.dataDir);
      if (!loaded.snapshot || this.reindexing) return;
      const { library, builtAt, fingerprint } = loaded.snapshot;
      if (builtAt === this.current.builtAt && fingerprint === this.current.corpusFingerprint) return;
      this.current = new Engine(library, builtAt, fingerprint);
      onSwap(this.current);
    };
    const watcher = watch(this.folders.dataDir, (_event, name) => {
      if (name !== path.basename(snapshotPath(this.folders.dataDir))) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload().catch(onError), 300);
    });
    watcher.on("error", onError);
    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.edits.then(async () => {
      await this.running?.catch(() => {});
      return work();
    });
    this.edits = next.catch(() => {});
    return next;
  }

  /** Builds in a worker thread, then swaps the new engine in at once; questions meanwhile use the old one. */
  private async rebuild(): Promise<ReindexOutcome> {
    const started = performance.now();
    const before = this.current;
    const built = await rebuildInWorker(this.folders);
    if (!built.ok) {
      // A corpus problem, or the index could not be built or saved (disk full, DATA_DIR unwritable):
      // either way the previous index keeps serving, and the moderator is told what went wrong.
      const problems = "problems" in built ? built.problems : [{ file: this.folders.dataDir, problem: `the index could not be built or saved: ${built.failure.split("\n")[0]}` }];
      return { ok: false, problems, message: new CorpusError(problems).message };
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
