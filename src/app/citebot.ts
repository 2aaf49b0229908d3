import { watch } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Engine } from "../answer/engine.js";
import type { Folders } from "../build/open.js";
import type { BuildProgress } from "../build/progress.js";
import { rebuildInWorker } from "../build/rebuildInWorker.js";
import { CorpusError, type CorpusProblem } from "../corpus/errors.js";
import { ARTICLE_ID_PATTERN, idOfFile, isTextFileName, metadataFileOf, textFileOf } from "../corpus/files.js";
import { type ArticleMetadata, ArticleMetadataSchema } from "../corpus/metadata.js";
import { type CorpusWarning, warningsAbout } from "../corpus/warnings.js";
import type { ArticleCard } from "../library/articleCard.js";
import { command, prose } from "../prose.js";
import { libraryFromParts, loadSnapshot, snapshotPath } from "../store/snapshot.js";
import { Cooldown } from "./cooldown.js";
import {
  articleIdFromFileName,
  CorpusChange,
  CorpusEditError,
  checkArticleFile,
  checkArticleSize,
  type MetadataFields,
  type MetadataOutcome,
  metadataFor,
} from "./corpusFiles.js";
import type { Upload } from "./upload.js";

export interface CorpusChanges {
  added: string[];
  removed: string[];
  changed: string[];
  passagesBefore: number;
  passagesAfter: number;
}

export type EditOutcome =
  | {
      ok: true;
      id: string;
      replaced: boolean;
      /** What became of the article's metadata (for an added or replaced article). */
      metadata: MetadataOutcome;
      /** Where the removed or replaced version was kept; null when nothing was overwritten. */
      trash: string | null;
      reindex: Extract<ReindexOutcome, { ok: true }>;
    }
  | { ok: false; problems: CorpusProblem[] };

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

/** The folder inside DATA_DIR where removed and replaced articles are kept. */
export const TRASH_FOLDER = "trash";

/**
 * The running bot's state: the engine that answers now, and reindexing that swaps in a new one only
 * when the new corpus is valid. A reindex asked for while one runs joins it rather than starting another.
 */
export class Citebot {
  private running: Promise<ReindexOutcome> | null = null;
  /** Whoever waits on the running reindex and wants to hear how far it is. */
  private readonly listeners = new Set<ProgressListener>();
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

  /** Rebuilds the index in a worker, or joins the rebuild already running; onProgress hears how far it is. */
  reindex(onProgress?: ProgressListener): Promise<ReindexOutcome> {
    this.running ??= this.rebuild().finally(() => {
      this.running = null;
      this.listeners.clear();
    });
    if (onProgress) this.listeners.add(onProgress);
    return this.running;
  }

  /**
   * Adds (or with `replace`, replaces) an article from an upload, then reindexes. Everything is
   * checked before anything is written; if the reindex fails, the corpus folder is put back as it was.
   * A replacement keeps the metadata fields not given, and its old version is kept in the trash.
   * Throws CorpusEditError for a request that cannot be done.
   */
  addArticle(upload: Upload, fields: MetadataFields, replace: boolean, onProgress?: ProgressListener): Promise<EditOutcome> {
    return this.exclusive(async () => {
      const id = articleIdFromFileName(upload.name);
      checkArticleSize(upload.size);
      const text = checkArticleFile(upload.name, await upload.read());
      const existing = await this.existingFile(id);
      if (existing && !replace) {
        const overwrite = command({ name: "corpus", subcommand: "add", first: { name: "file" }, options: { replace: true } });
        throw new CorpusEditError(prose`There is already an article with the id ${idOfFile(existing)}. ${overwrite} overwrites it.`);
      }
      if (existing && existing !== textFileOf(id))
        throw new CorpusEditError(prose`${existing} differs from ${textFileOf(id)} only in case; remove it first.`);
      const metadata = metadataFor(fields, existing ? await this.metadataOnDisk(id) : null);
      const change = this.change(id);
      try {
        await change.write(textFileOf(id), text);
        if (metadata.kind !== "none") await change.write(metadataFileOf(id), `${JSON.stringify(metadata.metadata, null, 2)}\n`);
      } catch (error) {
        await change.undo();
        throw error;
      }
      return this.reindexOrUndo(change, id, { replaced: existing !== null, metadata }, onProgress);
    });
  }

  /** Removes an article (text and metadata, kept in the trash), then reindexes; undone if the reindex fails. */
  removeArticle(rawId: string, onProgress?: ProgressListener): Promise<EditOutcome> {
    return this.exclusive(async () => {
      const existing = await this.existingFile(rawId.trim());
      if (!existing)
        throw new CorpusEditError(
          prose`There is no article with the id ${rawId.trim()}. ${command({ name: "corpus", subcommand: "list" })} shows them.`,
        );
      if ((await this.textFiles()).length === 1) {
        throw new CorpusEditError(
          prose`${idOfFile(existing)} is the only article: without it Citebot would have nothing to answer from. Add another article first.`,
        );
      }
      const id = idOfFile(existing);
      const change = this.change(id);
      try {
        await change.remove(existing);
        await change.remove(metadataFileOf(id));
      } catch (error) {
        await change.undo();
        throw error;
      }
      return this.reindexOrUndo(change, id, { replaced: true, metadata: { kind: "none" } }, onProgress);
    });
  }

  private change(id: string): CorpusChange {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    return new CorpusChange(this.folders.corpusDir, path.join(this.folders.dataDir, TRASH_FOLDER, `${stamp}_${id}`));
  }

  /** An article's metadata file as it is now; null when it has none, or none that is valid. */
  private async metadataOnDisk(id: string): Promise<ArticleMetadata | null> {
    try {
      const raw = await readFile(path.join(this.folders.corpusDir, metadataFileOf(id)), "utf8");
      return ArticleMetadataSchema.safeParse(JSON.parse(raw)).data ?? null;
    } catch {
      return null;
    }
  }

  private async reindexOrUndo(
    change: CorpusChange,
    id: string,
    edit: { replaced: boolean; metadata: MetadataOutcome },
    onProgress?: ProgressListener,
  ): Promise<EditOutcome> {
    let outcome: ReindexOutcome;
    try {
      outcome = await this.reindex(onProgress);
    } catch (error) {
      await change.undo();
      throw error;
    }
    if (!outcome.ok) {
      await change.undo();
      return { ok: false, problems: outcome.problems };
    }
    // Of the warnings, those about this article and about the index itself: not every other article's.
    const warnings = [
      ...warningsAbout(outcome.warnings, [textFileOf(id), metadataFileOf(id)]),
      ...outcome.warnings.filter((w) => w.kind === "index"),
    ];
    return { ok: true, id, ...edit, trash: change.trash, reindex: { ...outcome, warnings } };
  }

  private async textFiles(): Promise<string[]> {
    return (await readdir(this.folders.corpusDir).catch(() => [] as string[])).filter(isTextFileName);
  }

  /** The corpus file for an id, matched without regard to case; null when there is none. */
  private async existingFile(id: string): Promise<string | null> {
    if (!ARTICLE_ID_PATTERN.test(id)) return null;
    return (await this.textFiles()).find((n) => n.toLowerCase() === textFileOf(id).toLowerCase()) ?? null;
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
    let watcher: ReturnType<typeof watch>;
    try {
      watcher = watch(this.folders.dataDir, (_event, name) => {
        if (name !== path.basename(snapshotPath(this.folders.dataDir))) return;
        clearTimeout(timer);
        timer = setTimeout(() => void reload().catch(onError), 300);
      });
    } catch (error) {
      // DATA_DIR missing or unreadable: this shard serves what it loaded, and says why it cannot follow.
      onError(error);
      return () => {};
    }
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
    const built = await rebuildInWorker(this.folders, before.articles.length, (progress) => {
      for (const listener of this.listeners) listener(progress);
    });
    if (!built.ok) {
      // A corpus problem, or the build itself failed: either way the previous index keeps serving,
      // and the moderator is told what went wrong.
      const problems =
        "problems" in built
          ? built.problems
          : [{ file: this.folders.dataDir, problem: `the index could not be built: ${built.failure.split("\n")[0]}` }];
      return { ok: false, problems, message: new CorpusError(problems).message };
    }
    let engine: Engine;
    if (built.saved) {
      const loaded = await loadSnapshot(this.folders.dataDir);
      if (!loaded.snapshot) throw new Error(`reindex wrote a snapshot that cannot be read back: ${loaded.problem ?? "missing"}`);
      engine = new Engine(loaded.snapshot.library, loaded.snapshot.builtAt, loaded.snapshot.fingerprint);
    } else {
      engine = new Engine(libraryFromParts(built.parts), built.builtAt, built.fingerprint);
    }
    this.current = engine;
    const { articles, passages } = engine.stats();
    const milliseconds = performance.now() - started;
    return {
      ok: true,
      articles,
      passages,
      milliseconds,
      warnings: built.warnings,
      changes: changesBetween(before, engine),
      saved: built.saved,
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
