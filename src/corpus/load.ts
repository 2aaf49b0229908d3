import type { Article } from "./article.js";
import { CorpusError, type CorpusProblem } from "./errors.js";
import { ARTICLE_ID_PATTERN, articleTextOf, idOfFile, isMetadataFileName, isTextFileName, metadataFileOf } from "./files.js";
import { type CorpusFolder, readCorpusFolder } from "./folder.js";
import { type ArticleMetadata, ArticleMetadataSchema, describeMetadataIssues } from "./metadata.js";
import type { CorpusWarning } from "./warnings.js";

export interface LoadedCorpus {
  articles: Article[];
  /** Things that did not stop the load but a moderator should know (an article without metadata). */
  warnings: CorpusWarning[];
}

/** Reads the folder and loads its articles: see articlesOf. */
export async function loadCorpus(dir: string): Promise<LoadedCorpus> {
  return articlesOf(await readCorpusFolder(dir));
}

/**
 * Every `<id>.txt` of the folder as an article, with its `<id>.json` metadata when there is one.
 * Throws a CorpusError listing every problem found (with the folder's own: files too large, not
 * files, unreadable); loads nothing partially.
 */
export function articlesOf(folder: CorpusFolder): LoadedCorpus {
  const problems: CorpusProblem[] = [...folder.problems];
  const warnings: CorpusWarning[] = [];
  const articles: Article[] = [];
  const names = [...folder.files.keys()];
  // By lower-cased name: a corpus of tens of thousands of articles is not searched per article.
  const metadataFiles = new Map(names.filter(isMetadataFileName).map((n) => [n.toLowerCase(), n]));
  const textIds = new Set(names.filter(isTextFileName).map((n) => idOfFile(n).toLowerCase()));
  for (const name of metadataFiles.values()) {
    if (!textIds.has(idOfFile(name).toLowerCase())) {
      warnings.push({
        kind: "orphan-metadata",
        file: name,
        text: `${name}: metadata without an article (no ${idOfFile(name)}.txt); ignored`,
      });
    }
  }
  const idsSeen = new Map<string, string>();
  for (const file of names.filter(isTextFileName)) {
    const id = idOfFile(file);
    if (!ARTICLE_ID_PATTERN.test(id)) {
      problems.push({ file, problem: "the file name must be an id of letters, digits, '_' and '-' (at most 80), then .txt" });
      continue;
    }
    const earlier = idsSeen.get(id.toLowerCase());
    if (earlier) {
      problems.push({ file, problem: `duplicate article id: ${earlier} has the same id` });
      continue;
    }
    idsSeen.set(id.toLowerCase(), file);
    const read = articleTextOf(folder.files.get(file)!);
    if ("problem" in read) {
      problems.push({ file, problem: read.problem });
      continue;
    }
    const metadataFile = metadataFiles.get(metadataFileOf(id).toLowerCase());
    const metadata = metadataFile ? metadataOf(folder.files.get(metadataFile)!, metadataFile, problems) : null;
    if (metadata === undefined) continue;
    if (metadata === null)
      warnings.push({
        kind: "no-metadata",
        file,
        text: `${file}: no metadata file (${metadataFileOf(id)}); its title is taken from its first sentence`,
      });
    articles.push({ id, text: read.text, file, metadata });
  }
  if (problems.length > 0) throw new CorpusError(problems);
  return { articles, warnings };
}

/** The parsed metadata, undefined when it is invalid. */
function metadataOf(bytes: Buffer, file: string, problems: CorpusProblem[]): ArticleMetadata | undefined {
  let raw: unknown;
  try {
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
