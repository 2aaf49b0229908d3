import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Folders } from "../build/open.js";
import type { CorpusProblem } from "../corpus/errors.js";
import {
  ARTICLE_ID_PATTERN,
  formatBytes,
  idOfFile,
  isCorpusFileName,
  isTextFileName,
  metadataFileOf,
  textFileOf,
} from "../corpus/files.js";
import { type ArticleMetadata, ArticleMetadataSchema } from "../corpus/metadata.js";
import { warningsAbout } from "../corpus/warnings.js";
import { command, literal, type Prose, prose } from "../prose.js";
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
import { type Actor, EditJournal, type IntendedFile, sha256 } from "./editJournal.js";
import { withFolderLock } from "./folderLock.js";
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

/** What a server's own articles may hold (limits.ts, SERVER_MAX_* and SERVER_TRASH_MB). */
export interface CorpusQuota {
  articles: number;
  bytes: number;
  trashBytes: number;
}

export interface EditRules {
  /** A server's own articles may all be removed (the shared corpus still answers). */
  mayBeEmpty?: boolean;
  /** An id already taken where this corpus is searched (a shared article's, for a server): its prose refusal, else null. */
  takenElsewhere?: (id: string) => Prose | null;
  /** How much a server may keep; none for the shared corpus, which its owner manages. */
  quota?: CorpusQuota | null;
}

export interface AddRequest {
  upload: Upload;
  fields: MetadataFields;
  replace: boolean;
  provenance?: Provenance;
  actor: Actor;
  onProgress?: ProgressListener;
}

/**
 * Moderators' corpus edits: one at a time, each after any reindex already running, every one
 * reindexed at once and put back as it was if that reindex fails. Each holds the folder's lock
 * (folderLock.ts) from its first write to the end of its reindex, and is journalled before any file
 * changes (editJournal.ts), so that a process killed midway leaves every live article audited.
 */
export class CorpusEditor {
  /** Corpus edits, one at a time, each after any reindex already running. */
  private edits: Promise<unknown> = Promise.resolve();
  readonly journal: EditJournal;

  constructor(
    private readonly folders: Folders,
    private readonly reindexer: Reindexer,
    private readonly rules: EditRules = {},
  ) {
    this.journal = new EditJournal(folders.dataDir, folders.corpusDir);
  }

  /**
   * Adds (or with `replace`, replaces) an article from an upload, then reindexes. Everything is
   * checked before anything is written; if the reindex fails, the corpus folder is put back as it was.
   * A replacement keeps the metadata fields not given, and its old version is kept in the trash.
   * Throws CorpusEditError for a request that cannot be done.
   */
  async addArticle({ upload, fields, replace, provenance = {}, actor, onProgress }: AddRequest): Promise<EditOutcome> {
    const id = articleIdFromFileName(upload.name);
    const taken = this.rules.takenElsewhere?.(id);
    if (taken) throw new CorpusEditError(taken);
    checkArticleSize(upload.size);
    // Read before the turn: a slow download never holds up other edits.
    const text = checkArticleFile(upload.name, await upload.read());
    return this.exclusive(async () => {
      const existing = await this.existingFile(id);
      if (existing && !replace) {
        const overwrite = command({ name: "corpus", subcommand: "add", first: { name: "file" }, options: { replace: true } });
        throw new CorpusEditError(prose`There is already an article with the id ${idOfFile(existing)}. ${overwrite} overwrites it.`);
      }
      if (existing && existing !== textFileOf(id))
        throw new CorpusEditError(prose`${existing} differs from ${textFileOf(id)} only in case; remove it first.`);
      const metadata = metadataFor(fields, existing ? await this.metadataOnDisk(id) : null, provenance);
      const json = metadata.kind === "none" ? null : `${JSON.stringify(metadata.metadata, null, 2)}\n`;
      await this.checkQuota(id, Buffer.byteLength(text) + (json === null ? 0 : Buffer.byteLength(json)));
      const files: IntendedFile[] = [{ name: textFileOf(id), sha256: sha256(text) }];
      if (json !== null) files.push({ name: metadataFileOf(id), sha256: sha256(json) });
      const action = existing ? "replaced" : "added";
      return this.journalled({ ...actor, action: "corpus add", target: id, files }, action, async (change) => {
        await change.write(textFileOf(id), text);
        if (json !== null) await change.write(metadataFileOf(id), json);
        return this.reindexOrUndo(change, id, { replaced: existing !== null, metadata }, onProgress);
      });
    });
  }

  /** Removes an article (text and metadata, kept in the trash), then reindexes; undone if the reindex fails. */
  removeArticle(rawId: string, actor: Actor, onProgress?: ProgressListener): Promise<EditOutcome> {
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
      const files = [existing, metadataFileOf(id)].map((name) => ({ name, sha256: null }));
      return this.journalled({ ...actor, action: "corpus remove", target: id, files }, "removed", async (change) => {
        await change.remove(existing);
        await change.remove(metadataFileOf(id));
        return this.reindexOrUndo(change, id, { replaced: true, metadata: { kind: "none" } }, onProgress);
      });
    });
  }

  /**
   * The change, between its intent and its outcome in the journal: files written, then reindexed, or
   * put back. A change that throws is put back, and journalled as not done.
   */
  private async journalled(
    intent: Parameters<EditJournal["intend"]>[0],
    action: "added" | "replaced" | "removed",
    apply: (change: CorpusChange) => Promise<EditOutcome>,
  ): Promise<EditOutcome> {
    let journalId: string;
    try {
      journalId = await this.journal.intend(intent);
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new CorpusEditError(`The change could not be recorded in the data folder's journal (${why}), so nothing was changed.`);
    }
    const change = this.change(intent.target);
    const record = (result: string, trash?: string) =>
      this.journal.done(journalId, { ...intent, result, ...(trash ? { trash: path.relative(this.folders.dataDir, trash) } : {}) });
    let outcome: EditOutcome;
    try {
      outcome = await apply(change);
    } catch (error) {
      await change.undo();
      await record(`not done: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
    if (!outcome.ok) {
      await record(`not done: the reindex failed with ${outcome.problems.length} problem(s), corpus put back`);
      return outcome;
    }
    await record(action, outcome.trash ?? undefined);
    if (outcome.trash) await this.pruneTrash(outcome.trash);
    return outcome;
  }

  private change(id: string): CorpusChange {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    return new CorpusChange(this.folders.corpusDir, path.join(this.folders.dataDir, TRASH_FOLDER, `${stamp}_${id}`));
  }

  /** A server may keep so many articles and so many bytes of them: an addition past either is refused, saying which. */
  private async checkQuota(id: string, bytes: number): Promise<void> {
    const quota = this.rules.quota;
    if (!quota) return;
    let articles = 1;
    let total = bytes;
    for (const name of await this.corpusFiles()) {
      if (idOfFile(name).toLowerCase() === id.toLowerCase()) continue; // What a replacement overwrites does not count.
      if (isTextFileName(name)) articles++;
      total += await stat(path.join(this.folders.corpusDir, name)).then(
        (s) => s.size,
        () => 0,
      );
    }
    const remove = command({ name: "corpus", subcommand: "remove" });
    if (articles > quota.articles)
      throw new CorpusEditError([
        `This server has ${(articles - 1).toLocaleString("en-US")} articles of its own, the most it may keep (`,
        literal("SERVER_MAX_ARTICLES"),
        "): remove one first with ",
        remove,
        ".",
      ]);
    if (total > quota.bytes)
      throw new CorpusEditError([
        `With this article, this server's own articles would take ${formatBytes(total)}, more than the ${formatBytes(quota.bytes)} it may keep (`,
        literal("SERVER_MAX_MB"),
        "): remove some first with ",
        remove,
        ".",
      ]);
  }

  /** Keeps the server's trash within its quota: the oldest versions go first, never the one just kept. */
  private async pruneTrash(kept: string): Promise<void> {
    const quota = this.rules.quota;
    if (!quota) return;
    const trash = path.join(this.folders.dataDir, TRASH_FOLDER);
    // Each entry's name starts with its time, so names sort oldest first.
    const entries = (await readdir(trash).catch(() => [] as string[])).sort();
    const sizes = await Promise.all(entries.map((name) => folderBytes(path.join(trash, name))));
    let total = sizes.reduce((a, b) => a + b, 0);
    for (const [i, name] of entries.entries()) {
      if (total <= quota.trashBytes) return;
      if (path.join(trash, name) === kept) continue;
      await rm(path.join(trash, name), { recursive: true, force: true });
      total -= sizes[i]!;
    }
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
    // A reindex that throws is put back by journalled(), as any failed change is.
    const outcome = await this.reindexer.reindex(onProgress);
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

  private async corpusFiles(): Promise<string[]> {
    return (await readdir(this.folders.corpusDir).catch(() => [] as string[])).filter(isCorpusFileName);
  }

  private async textFiles(): Promise<string[]> {
    return (await this.corpusFiles()).filter(isTextFileName);
  }

  /** The corpus file for an id, matched without regard to case; null when there is none. */
  private async existingFile(id: string): Promise<string | null> {
    if (!ARTICLE_ID_PATTERN.test(id)) return null;
    return (await this.textFiles()).find((n) => n.toLowerCase() === textFileOf(id).toLowerCase()) ?? null;
  }

  /** One edit at a time, after any reindex running, holding the folder's lock throughout. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.edits.then(async () => {
      await this.reindexer.settled();
      return withFolderLock(this.folders.dataDir, work);
    });
    this.edits = next.catch(() => {});
    return next;
  }
}

async function folderBytes(folder: string): Promise<number> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const sizes = await Promise.all(
    names.map((n) =>
      stat(path.join(folder, n)).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}
