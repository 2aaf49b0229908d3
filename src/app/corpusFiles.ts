import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ARTICLE_ID_PATTERN } from "../corpus/article.js";
import { ArticleMetadataSchema, describeMetadataIssues, type ArticleMetadata } from "../corpus/metadata.js";

/** Largest article file a moderator may upload. */
export const MAX_ARTICLE_BYTES = 1_000_000;
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A problem with what a moderator asked for, said so they can fix it. */
export class CorpusEditError extends Error {
  override name = "CorpusEditError";
}

/** An article id from an uploaded file's name: "Aleppo Report (2).txt" → "Aleppo_Report_2". */
export function articleIdFromFileName(fileName: string): string {
  const base = path.basename(fileName).replace(/\.txt$/i, "");
  const id = base.replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^[_-]+|[_-]+$/g, "").slice(0, 80);
  if (!ARTICLE_ID_PATTERN.test(id)) throw new CorpusEditError(`"${fileName}" does not give a usable article id: name the file with letters, digits, _ or -, ending in .txt.`);
  return id;
}

/** Checks an upload: a .txt name, the size limit, UTF-8 text with words in it. Returns the text. */
export function checkArticleFile(fileName: string, bytes: Uint8Array): string {
  if (!/\.txt$/i.test(fileName)) throw new CorpusEditError("Upload the article as a plain-text .txt file.");
  if (bytes.length > MAX_ARTICLE_BYTES) throw new CorpusEditError(`The file is ${bytes.length} bytes; articles can be at most ${MAX_ARTICLE_BYTES} bytes.`);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new CorpusEditError("The file is not UTF-8 text. Save it as UTF-8 plain text and upload it again.");
  }
  if (text.includes("\u0000")) throw new CorpusEditError("The file looks binary (it contains NUL bytes), not plain text.");
  if (!/[\p{L}\p{N}]/u.test(text)) throw new CorpusEditError("The file is empty: there are no words in it.");
  return text;
}

/** Metadata from a moderator's options: all of title, publisher, url and published, or none. */
export function checkMetadata(input: Partial<Record<"title" | "publisher" | "url" | "published", string>>): ArticleMetadata | null {
  const given = Object.entries(input).filter(([, v]) => v !== undefined && v !== "");
  if (given.length === 0) return null;
  const parsed = ArticleMetadataSchema.safeParse(Object.fromEntries(given));
  if (!parsed.success) throw new CorpusEditError(`The metadata is not valid: ${describeMetadataIssues(parsed.error)}. Give all of title, publisher, url and published (YYYY-MM-DD), or none.`);
  return parsed.data;
}

interface Saved {
  file: string;
  before: Buffer | null;
}

/**
 * Files changed in the corpus folder, each written atomically (temporary file, then rename), with
 * what they held before, so that the change can be undone if the reindex that follows fails.
 */
export class CorpusChange {
  private readonly saved: Saved[] = [];

  constructor(private readonly corpusDir: string) {}

  async write(name: string, content: string): Promise<void> {
    const file = path.join(this.corpusDir, name);
    this.saved.push({ file, before: await readFile(file).catch(() => null) });
    const temporary = `${file}.${process.pid}.upload`;
    await writeFile(temporary, content);
    await rename(temporary, file);
  }

  async remove(name: string): Promise<void> {
    const file = path.join(this.corpusDir, name);
    const before = await readFile(file).catch(() => null);
    if (before === null) return;
    this.saved.push({ file, before });
    await rm(file);
  }

  /** Puts every file back as it was. */
  async undo(): Promise<void> {
    for (const { file, before } of [...this.saved].reverse()) {
      if (before === null) await rm(file, { force: true });
      else await writeFile(file, before);
    }
  }
}
