import { copyFile, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ARTICLE_ID_PATTERN, articleTextOf, isTextFileName, textFileOf, tooLarge } from "../corpus/files.js";
import { type ArticleMetadata, ArticleMetadataSchema, describeMetadataIssues } from "../corpus/metadata.js";
import { type Prose, ProseError, prose } from "../prose.js";

/** A problem with what a moderator asked for, said so they can fix it. */
export class CorpusEditError extends ProseError {
  override name = "CorpusEditError";

  constructor(text: Prose | string) {
    super(typeof text === "string" ? [text] : text);
  }
}

/** An article id from an uploaded file's name: "Aleppo Report (2).txt" → "Aleppo_Report_2". */
export function articleIdFromFileName(fileName: string): string {
  const base = path.basename(fileName).replace(/\.txt$/i, "");
  const id = base
    .replace(/[^A-Za-z0-9_-]+/g, "_")
    .replace(/^[_-]+|[_-]+$/g, "")
    .slice(0, 80);
  if (!ARTICLE_ID_PATTERN.test(id)) {
    throw new CorpusEditError(
      prose`${fileName} does not give a usable article id: name the file with letters, digits, _ or -, ending in .txt.`,
    );
  }
  return id;
}

/** Checks an upload as the corpus loader checks a file: a .txt name, the size limit, UTF-8 text with words in it. Returns the text. */
export function checkArticleFile(fileName: string, bytes: Uint8Array): string {
  if (!isTextFileName(fileName)) throw new CorpusEditError("Upload the article as a plain-text .txt file.");
  checkArticleSize(bytes.length);
  const read = articleTextOf(bytes);
  if ("problem" in read)
    throw new CorpusEditError(`The file ${read.problem}. Save it as UTF-8 plain text with the article's words and upload it again.`);
  return read.text;
}

export function checkArticleSize(bytes: number): void {
  const large = tooLarge(textFileOf("upload"), bytes);
  if (large) throw new CorpusEditError(`The file ${large}.`);
}

export type MetadataFields = Partial<Record<"title" | "publisher" | "url" | "published", string>>;

/** What is recorded of where an article came from, beside the fields a moderator gives. */
export type Provenance = Pick<ArticleMetadata, "fetched">;

/** What an edit does to an article's metadata: written new, kept (some or all fields) from the version it replaces, or none. */
export type MetadataOutcome =
  | { kind: "new"; metadata: ArticleMetadata }
  | { kind: "kept"; metadata: ArticleMetadata; keptFields: string[] }
  | { kind: "none" };

const FIELDS = ["title", "publisher", "url", "published"] as const;

/**
 * Metadata from a moderator's options. A new article takes all of title, publisher, url and
 * published, or none. A replacement keeps the fields not given from the metadata it replaces, and
 * says which were kept.
 */
export function metadataFor(input: MetadataFields, previous: ArticleMetadata | null, provenance: Provenance = {}): MetadataOutcome {
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const keptFields = previous ? FIELDS.filter((f) => !(f in given)) : [];
  if (Object.keys(given).length === 0 && !previous) return { kind: "none" };
  // A replacement by upload is no longer the fetched page: only what this edit says of its source is kept.
  const { fetched: _old, ...before } = previous ?? {};
  const parsed = ArticleMetadataSchema.safeParse({ ...(previous ? before : {}), ...given, ...provenance });
  if (!parsed.success) {
    const hint = previous ? "" : " Give all of title, publisher, url and published (YYYY-MM-DD), or none.";
    throw new CorpusEditError(`The metadata is not valid: ${describeMetadataIssues(parsed.error)}.${hint}`);
  }
  return keptFields.length > 0 ? { kind: "kept", metadata: parsed.data, keptFields } : { kind: "new", metadata: parsed.data };
}

interface Saved {
  file: string;
  before: Buffer | null;
}

/**
 * Files changed in the corpus folder, each written atomically (temporary file, then rename), with
 * what they held before, so that the change can be undone if the reindex that follows fails. What
 * a change overwrites or removes is first copied to `trashDir`, so that the bot's owner can undo a
 * mistaken or malicious edit after it succeeded.
 */
export class CorpusChange {
  private readonly saved: Saved[] = [];
  private trashed = false;

  constructor(
    private readonly corpusDir: string,
    readonly trashDir: string,
  ) {}

  /** The folder the old versions were kept in; null when nothing was overwritten or removed. */
  get trash(): string | null {
    return this.trashed ? this.trashDir : null;
  }

  async write(name: string, content: string): Promise<void> {
    const file = path.join(this.corpusDir, name);
    const before = await readFile(file).catch(() => null);
    if (before !== null) await this.keep(name, file);
    this.saved.push({ file, before });
    const temporary = `${file}.${process.pid}.upload`;
    await writeFile(temporary, content);
    await rename(temporary, file);
  }

  async remove(name: string): Promise<void> {
    const file = path.join(this.corpusDir, name);
    const before = await readFile(file).catch(() => null);
    if (before === null) return;
    await this.keep(name, file);
    this.saved.push({ file, before });
    await rm(file);
  }

  /** Puts every file back as it was; the copies in the trash are then not needed. */
  async undo(): Promise<void> {
    for (const { file, before } of [...this.saved].reverse()) {
      if (before === null) await rm(file, { force: true });
      else await writeFile(file, before);
    }
    if (this.trashed) await rm(this.trashDir, { recursive: true, force: true });
    this.trashed = false;
  }

  private async keep(name: string, file: string): Promise<void> {
    try {
      await mkdir(this.trashDir, { recursive: true });
      await copyFile(file, path.join(this.trashDir, name));
      this.trashed = true;
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new CorpusEditError(prose`The old version could not be kept in ${this.trashDir} (${why}), so nothing was changed.`);
    }
  }
}
