import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Article } from "../../src/corpus/article.js";
import { buildLibrary } from "../../src/library/build.js";
import type { Library } from "../../src/library/library.js";

export const SEED_CORPUS = path.resolve("corpus");

/** A folder with the given files in it, for loader and CLI tests. */
export async function tempCorpus(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "citebot-corpus-"));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

export function metadataJson(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    title: "A test article",
    publisher: "Test Wire",
    url: "https://example.org/news/1",
    published: "2020-01-02",
    ...overrides,
  });
}

/** A library over in-memory articles, for engine tests. */
export function libraryOf(texts: Record<string, string>): Library {
  const articles: Article[] = Object.entries(texts).map(([id, text]) => ({
    id,
    text,
    file: `${id}.txt`,
    metadata: { title: `Article ${id}`, publisher: "Test Wire", url: `https://example.org/${id}`, published: "2020-01-02" },
  }));
  return buildLibrary(articles);
}
