import { readdir } from "node:fs/promises";
import path from "node:path";
import { readFiles } from "../files/readFiles.js";
import { ARTICLE_ID_PATTERN, type Article } from "./article.js";
import { CorpusError, type CorpusProblem } from "./errors.js";
import { ArticleMetadataSchema, describeMetadataIssues, type ArticleMetadata } from "./metadata.js";

export interface LoadedCorpus {
  articles: Article[];
  /** Things that did not stop the load but a moderator should know (an article without metadata). */
  warnings: string[];
}

const MAX_TITLE_LENGTH = 100;
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Reads every `<id>.txt` in `dir`, with its `<id>.json` metadata when there is one.
 * Throws a CorpusError listing every problem found; loads nothing partially. Files in `alreadyRead`
 * (by name) are taken from there.
 */
export async function loadCorpus(dir: string, alreadyRead?: ReadonlyMap<string, Buffer>): Promise<LoadedCorpus> {
  let names: string[];
  try {
    // Symbolic links count as files: a broken one is reported as unreadable, not silently skipped.
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name).sort();
  } catch (error) {
    throw new CorpusError([{ file: dir, problem: `cannot read the corpus folder (${(error as NodeJS.ErrnoException).code ?? String(error)})` }]);
  }
  const problems: CorpusProblem[] = [];
  const warnings: string[] = [];
  const articles: Article[] = [];
  const idsSeen = new Map<string, string>();
  const textNames = names.filter((n) => n.toLowerCase().endsWith(".txt"));
  const textIds = new Set(textNames.map((n) => n.slice(0, -4).toLowerCase()));

  for (const name of names) {
    if (name.toLowerCase().endsWith(".json") && !textIds.has(name.slice(0, -5).toLowerCase())) {
      warnings.push(`${name}: metadata without an article (no ${name.slice(0, -5)}.txt); ignored`);
    }
  }

  // Metadata files by lower-cased name: a corpus of tens of thousands of articles is not searched per article.
  const metadataFiles = new Map(names.filter((n) => n.toLowerCase().endsWith(".json")).map((n) => [n.toLowerCase(), n]));
  const valid = textNames.filter((file) => {
    const id = file.slice(0, -4);
    if (!ARTICLE_ID_PATTERN.test(id)) {
      problems.push({ file, problem: "the file name must be an id of letters, digits, '_' and '-' (at most 80), then .txt" });
      return false;
    }
    const earlier = idsSeen.get(id.toLowerCase());
    if (earlier) {
      problems.push({ file, problem: `duplicate article id: ${earlier} has the same id` });
      return false;
    }
    idsSeen.set(id.toLowerCase(), file);
    return true;
  });
  // Read every file first (fast, in slices), then judge them one by one, in name order.
  const metadataFileOf = (file: string) => metadataFiles.get(`${file.slice(0, -4).toLowerCase()}.json`);
  const wanted = valid.flatMap((file) => [file, metadataFileOf(file)]).filter((name): name is string => name !== undefined && !alreadyRead?.has(name));
  const fresh = new Map<string, Buffer | NodeJS.ErrnoException>();
  (await readFiles(wanted.map((name) => path.join(dir, name)))).forEach((bytes, i) => fresh.set(wanted[i]!, bytes));
  const bytesOf = (name: string) => alreadyRead?.get(name) ?? fresh.get(name)!;
  for (const file of valid) {
    const id = file.slice(0, -4);
    const text = textOf(bytesOf(file), file, problems);
    if (text === null) continue;
    const metadataFile = metadataFileOf(file);
    const metadata = metadataFile ? metadataOf(bytesOf(metadataFile), metadataFile, problems) : null;
    if (metadata === undefined) continue;
    if (metadata === null) warnings.push(`${file}: no metadata file (${id}.json); title taken from its first line`);
    articles.push({ id, text, file, metadata, title: metadata?.title ?? titleFromText(text) });
  }

  if (problems.length > 0) throw new CorpusError(problems);
  return { articles, warnings };
}

function textOf(bytes: Buffer | NodeJS.ErrnoException, file: string, problems: CorpusProblem[]): string | null {
  if (!Buffer.isBuffer(bytes)) {
    problems.push({ file, problem: `cannot be read (${bytes.code ?? String(bytes)})` });
    return null;
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    problems.push({ file, problem: "is not UTF-8 text" });
    return null;
  }
  if (text.includes("\u0000")) {
    problems.push({ file, problem: "looks binary (it contains NUL bytes), not plain text" });
    return null;
  }
  if (!/[\p{L}\p{N}]/u.test(text)) {
    problems.push({ file, problem: "is empty (no words in it)" });
    return null;
  }
  return text;
}

/** The parsed metadata, undefined when it is invalid. */
function metadataOf(bytes: Buffer | NodeJS.ErrnoException, file: string, problems: CorpusProblem[]): ArticleMetadata | undefined {
  let raw: unknown;
  try {
    if (!Buffer.isBuffer(bytes)) throw bytes;
    raw = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    problems.push({ file, problem: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` });
    return undefined;
  }
  const parsed = ArticleMetadataSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push({ file, problem: `invalid metadata: ${describeMetadataIssues(parsed.error)}` });
    return undefined;
  }
  return parsed.data;
}

/** The first line's words, cut at a word boundary: a stand-in title for an article without metadata. */
export function titleFromText(text: string): string {
  const firstLine = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? "";
  const firstSentence = firstLine.match(/^.*?[.!?](?=\s|$)/)?.[0] ?? firstLine;
  if (firstSentence.length <= MAX_TITLE_LENGTH) return firstSentence;
  const cut = firstSentence.slice(0, MAX_TITLE_LENGTH - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 1)).trimEnd()}…`;
}
