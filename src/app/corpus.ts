import { mkdir } from "node:fs/promises";
import type { Engine } from "../answer/engine.js";
import type { Folders } from "../build/open.js";
import type { Prose } from "../prose.js";
import { CorpusEditor, type EditOutcome } from "./corpusEditor.js";
import type { MetadataFields, Provenance } from "./corpusFiles.js";
import { type ProgressListener, Reindexer, type ReindexOutcome } from "./reindexer.js";
import { followSnapshot } from "./snapshotFollower.js";
import type { Upload } from "./upload.js";

/** Whose articles a corpus holds: everyone's (the owner's folder), or one server's own. */
export type CorpusOwner = { kind: "shared" } | { kind: "server"; guildId: string };

/**
 * One set of articles as the bot serves it: its folders, the engine answering from it now, and the
 * parts that change it (reindexing in reindexer.ts, moderators' edits in corpusEditor.ts, following
 * another process's snapshot in snapshotFollower.ts). The shared corpus and each server's are one each.
 */
export class Corpus {
  private current: Engine;
  /** Edits asked for and not yet done. */
  private editing = 0;
  private readonly reindexer: Reindexer;
  private readonly editor: CorpusEditor;
  /** The engine serving now, as the parts that swap it in see it. */
  private readonly serving = {
    get: () => this.current,
    set: (engine: Engine) => {
      this.current = engine;
    },
  };

  constructor(
    engine: Engine,
    readonly folders: Folders,
    readonly owner: CorpusOwner = { kind: "shared" },
    rules: {
      takenElsewhere?: (id: string) => Prose | null;
      /** Reindex on this thread rather than in a worker (the command line serves nothing meanwhile). */
      buildInProcess?: boolean;
    } = {},
  ) {
    this.current = engine;
    const mayBeEmpty = owner.kind === "server";
    this.reindexer = new Reindexer(folders, this.serving, mayBeEmpty, rules.buildInProcess);
    this.editor = new CorpusEditor(folders, this.reindexer, { mayBeEmpty, takenElsewhere: rules.takenElsewhere });
  }

  get engine(): Engine {
    return this.current;
  }

  /** True while a reindex runs. */
  get reindexing(): boolean {
    return this.reindexer.busy;
  }

  /** True while a reindex runs or an edit waits: the corpus must stay the one in memory. */
  get busy(): boolean {
    return this.reindexing || this.editing > 0;
  }

  /** Rebuilds the index in a worker, or joins the rebuild already running; onProgress hears how far it is. */
  reindex(onProgress?: ProgressListener): Promise<ReindexOutcome> {
    return this.reindexer.reindex(onProgress);
  }

  /** Adds (or replaces) an article from an upload, then reindexes: see CorpusEditor.addArticle. */
  addArticle(
    upload: Upload,
    fields: MetadataFields,
    replace: boolean,
    onProgress?: ProgressListener,
    provenance?: Provenance,
  ): Promise<EditOutcome> {
    return this.edit(async () => {
      await mkdir(this.folders.corpusDir, { recursive: true });
      return this.editor.addArticle(upload, fields, replace, onProgress, provenance);
    });
  }

  /** Removes an article (kept in the trash), then reindexes: see CorpusEditor.removeArticle. */
  removeArticle(id: string, onProgress?: ProgressListener): Promise<EditOutcome> {
    return this.edit(() => this.editor.removeArticle(id, onProgress));
  }

  private async edit<T>(work: () => Promise<T>): Promise<T> {
    this.editing++;
    try {
      return await work();
    } finally {
      this.editing--;
    }
  }

  /** Swaps in the snapshot another process saves (another shard's reindex); returns a function that stops following. */
  followSnapshot(onSwap: (engine: Engine) => void, onError: (error: unknown) => void): () => void {
    return followSnapshot(this.folders.dataDir, { ...this.serving, reindexing: () => this.reindexing }, onSwap, onError);
  }
}
