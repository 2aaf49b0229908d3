import type { Engine } from "../answer/engine.js";
import type { Folders } from "../build/open.js";
import { Cooldown } from "./cooldown.js";
import { CorpusEditor, type EditOutcome } from "./corpusEditor.js";
import type { MetadataFields } from "./corpusFiles.js";
import { type ProgressListener, Reindexer, type ReindexOutcome } from "./reindexer.js";
import { followSnapshot } from "./snapshotFollower.js";
import type { Upload } from "./upload.js";

/**
 * The running bot, as commands see it: the engine that answers now, and the parts that change it,
 * each in its own module (reindexing in reindexer.ts, moderators' edits in corpusEditor.ts,
 * following another shard's snapshot in snapshotFollower.ts), plus who moderates and how often one
 * may ask.
 */
export class Citebot {
  private current: Engine;
  private readonly reindexer: Reindexer;
  private readonly editor: CorpusEditor;
  /** The engine serving now, as the parts that swap it in see it. */
  private readonly serving = {
    get: () => this.current,
    set: (engine: Engine) => {
      this.current = engine;
    },
  };

  readonly moderatorRoleIds: readonly string[];
  /** Limits how often one user may /ask. */
  readonly askCooldown: Cooldown;

  constructor(
    engine: Engine,
    readonly folders: Folders,
    options: { moderatorRoleIds?: readonly string[]; askCooldownSeconds?: number } = {},
  ) {
    this.current = engine;
    this.reindexer = new Reindexer(folders, this.serving);
    this.editor = new CorpusEditor(folders, this.reindexer);
    this.moderatorRoleIds = options.moderatorRoleIds ?? [];
    this.askCooldown = new Cooldown(options.askCooldownSeconds ?? 0);
  }

  get engine(): Engine {
    return this.current;
  }

  /** True while a reindex runs. */
  get reindexing(): boolean {
    return this.reindexer.busy;
  }

  /** Rebuilds the index in a worker, or joins the rebuild already running; onProgress hears how far it is. */
  reindex(onProgress?: ProgressListener): Promise<ReindexOutcome> {
    return this.reindexer.reindex(onProgress);
  }

  /** Adds (or replaces) an article from an upload, then reindexes: see CorpusEditor.addArticle. */
  addArticle(upload: Upload, fields: MetadataFields, replace: boolean, onProgress?: ProgressListener): Promise<EditOutcome> {
    return this.editor.addArticle(upload, fields, replace, onProgress);
  }

  /** Removes an article (kept in the trash), then reindexes: see CorpusEditor.removeArticle. */
  removeArticle(id: string, onProgress?: ProgressListener): Promise<EditOutcome> {
    return this.editor.removeArticle(id, onProgress);
  }

  /** Swaps in the snapshot another process saves (another shard's reindex); returns a function that stops following. */
  followSnapshot(onSwap: (engine: Engine) => void, onError: (error: unknown) => void): () => void {
    return followSnapshot(this.folders.dataDir, { ...this.serving, reindexing: () => this.reindexing }, onSwap, onError);
  }
}
