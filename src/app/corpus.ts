import { mkdir } from "node:fs/promises";
import type { Engine } from "../answer/engine.js";
import type { Folders } from "../build/open.js";
import type { ReindexJobs } from "../pool/jobs.js";
import type { JobRunner } from "../pool/pool.js";
import { type AddRequest, CorpusEditor, type EditOutcome, type EditRules } from "./corpusEditor.js";
import type { Actor, AuditRecord } from "./editJournal.js";
import { withFolderLock } from "./folderLock.js";
import { type ProgressListener, Reindexer, type ReindexOutcome } from "./reindexer.js";
import { followSnapshot } from "./snapshotFollower.js";

/** Whose articles a corpus holds: everyone's (the owner's folder), or one server's own. */
export type CorpusOwner = { kind: "shared" } | { kind: "server"; guildId: string };

/**
 * One set of articles as the bot serves it: its folders, the engine answering from it now, and the
 * parts that change it (reindexing in reindexer.ts, moderators' edits in corpusEditor.ts, following
 * another process's snapshot in snapshotFollower.ts). The shared corpus and each server's are one each.
 */
export class Corpus {
  private current: Engine;
  /** Work that holds the corpus (an edit from its first step, a reindex), not yet done. */
  private holds = 0;
  private readonly reindexer: Reindexer;
  private readonly editor: CorpusEditor;
  /** The engine serving now, as the parts that swap it in see it. */
  private readonly serving = {
    get: () => this.current,
    set: (engine: Engine) => this.serve(engine),
  };
  /** Told of every engine swapped in (a reindex's, one loaded): what holds the corpus reckons its memory again. */
  onServe: ((engine: Engine) => void) | null = null;

  constructor(
    engine: Engine,
    readonly folders: Folders,
    readonly owner: CorpusOwner = { kind: "shared" },
    rules: Omit<EditRules, "mayBeEmpty"> & {
      /** The process's reindex threads; none: reindex on this thread (the command line serves nothing meanwhile). */
      reindexThreads?: JobRunner<ReindexJobs> | null;
    } = {},
  ) {
    this.current = engine;
    const mayBeEmpty = owner.kind === "server";
    this.reindexer = new Reindexer(folders, this.serving, mayBeEmpty, rules.reindexThreads ?? null);
    this.editor = new CorpusEditor(folders, this.reindexer, { mayBeEmpty, takenElsewhere: rules.takenElsewhere, quota: rules.quota });
  }

  get engine(): Engine {
    return this.current;
  }

  /** Serves this engine from now on (one loaded when the corpus is opened, a reindex's). */
  serve(engine: Engine): void {
    this.current = engine;
    this.onServe?.(engine);
  }

  /** A reindex asked for, waiting for the folder's lock or running; those asked meanwhile join it. */
  private reindexing_: Promise<ReindexOutcome> | null = null;
  private readonly joined = new Set<ProgressListener>();

  /** True while a reindex runs (or waits for its turn at the folder). */
  get reindexing(): boolean {
    return this.reindexer.busy || this.reindexing_ !== null;
  }

  /** True while a reindex runs or an edit is under way: the corpus must stay the one in memory. */
  get busy(): boolean {
    return this.reindexing || this.holds > 0;
  }

  /** Holds the corpus (it is busy, never let go) until the returned release is called: taken before the first step of an edit. */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (!released) this.holds--;
      released = true;
    };
  }

  /**
   * Rebuilds the index on a reindex thread, holding the folder's lock, or joins the rebuild already
   * asked for (an edit's too); onProgress hears how far it is.
   */
  reindex(onProgress?: ProgressListener): Promise<ReindexOutcome> {
    if (this.reindexer.busy && !this.reindexing_) return this.reindexer.reindex(onProgress);
    if (onProgress) this.joined.add(onProgress);
    this.reindexing_ ??= this.reindexAlone().finally(() => {
      this.reindexing_ = null;
      this.joined.clear();
    });
    return this.reindexing_;
  }

  private async reindexAlone(): Promise<ReindexOutcome> {
    const release = this.hold();
    try {
      return await withFolderLock(this.folders.dataDir, () =>
        this.reindexer.reindex((progress) => {
          for (const listener of this.joined) listener(progress);
        }),
      );
    } finally {
      release();
    }
  }

  /** Adds (or replaces) an article from an upload, then reindexes: see CorpusEditor.addArticle. */
  async addArticle(request: AddRequest): Promise<EditOutcome> {
    const release = this.hold();
    try {
      await mkdir(this.folders.corpusDir, { recursive: true });
      return await this.editor.addArticle(request);
    } finally {
      release();
    }
  }

  /** Removes an article (kept in the trash), then reindexes: see CorpusEditor.removeArticle. */
  async removeArticle(id: string, actor: Actor, onProgress?: ProgressListener): Promise<EditOutcome> {
    const release = this.hold();
    try {
      return await this.editor.removeArticle(id, actor, onProgress);
    } finally {
      release();
    }
  }

  /** Settles edits a stopped process left unreported (see EditJournal.recover); the records it wrote. */
  recoverEdits(): Promise<AuditRecord[]> {
    return this.editor.journal.recover();
  }

  /** Swaps in the snapshot another process saves (another shard's reindex); returns a function that stops following. */
  followSnapshot(onSwap: (engine: Engine) => void, onError: (error: unknown) => void): () => void {
    return followSnapshot(this.folders.dataDir, { ...this.serving, reindexing: () => this.reindexing }, onSwap, onError);
  }
}
