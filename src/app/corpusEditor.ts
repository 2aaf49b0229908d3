import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Folders } from "../build/open.js";
import type { CorpusProblem } from "../corpus/errors.js";
import { ARTICLE_ID_PATTERN, idOfFile, isTextFileName, metadataFileOf, textFileOf } from "../corpus/files.js";
import { type ArticleMetadata, ArticleMetadataSchema } from "../corpus/metadata.js";
import { warningsAbout } from "../corpus/warnings.js";
import { command, type Prose, prose } from "../prose.js";
import {
  articleIdFromFileName,
  CorpusChange,
  CorpusEditError,
  checkArticleFile,
  checkArticleSize,
  type MetadataFields,
  type MetadataOutcome,
  metadataFor,
  type Provenance,
} from "./corpusFiles.js";
import type { ProgressListener, Reindexer, ReindexOutcome } from "./reindexer.js";
import type { Upload } from "./upload.js";

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

/** The folder inside DATA_DIR where removed and replaced articles are kept. */
export const TRASH_FOLDER = "trash";

/**
 * Moderators' corpus edits: one at a time, each after any reindex already running, every one
 * reindexed at once and put back as it was if that reindex fails.
 */
export class CorpusEditor {
  /** Corpus edits, one at a time, each after any reindex already running. */
  private edits: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly folders: Folders,
    private readonly reindexer: Reindexer,
    private readonly rules: {
      /** A server's own articles may all be removed (the shared corpus still answers). */
      mayBeEmpty?: boolean;
      /** An id already taken where this corpus is searched (a shared article's, for a server): its prose refusal, else null. */
      takenElsewhere?: (id: string) => Prose | null;
    } = {},
  ) {}

  /**
   * Adds (or with `replace`, replaces) an article from an upload, then reindexes. Everything is
   * checked before anything is written; if the reindex fails, the corpus folder is put back as it was.
   * A replacement keeps the metadata fields not given, and its old version is kept in the trash.
   * Throws CorpusEditError for a request that cannot be done.
   */
  addArticle(
    upload: Upload,
    fields: MetadataFields,
    replace: boolean,
    onProgress?: ProgressListener,
    provenance: Provenance = {},
  ): Promise<EditOutcome> {
    return this.exclusive(async () => {
      const id = articleIdFromFileName(upload.name);
      const taken = this.rules.takenElsewhere?.(id);
      if (taken) throw new CorpusEditError(taken);
      checkArticleSize(upload.size);
      const text = checkArticleFile(upload.name, await upload.read());
      const existing = await this.existingFile(id);
      if (existing && !replace) {
        const overwrite = command({ name: "corpus", subcommand: "add", first: { name: "file" }, options: { replace: true } });
        throw new CorpusEditError(prose`There is already an article with the id ${idOfFile(existing)}. ${overwrite} overwrites it.`);
      }
      if (existing && existing !== textFileOf(id))
        throw new CorpusEditError(prose`${existing} differs from ${textFileOf(id)} only in case; remove it first.`);
      const metadata = metadataFor(fields, existing ? await this.metadataOnDisk(id) : null, provenance);
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
      if (!this.rules.mayBeEmpty && (await this.textFiles()).length === 1) {
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
      outcome = await this.reindexer.reindex(onProgress);
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

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.edits.then(async () => {
      await this.reindexer.settled();
      return work();
    });
    this.edits = next.catch(() => {});
    return next;
  }
}
