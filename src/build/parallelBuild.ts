import { availableParallelism } from "node:os";
import type { Article } from "../corpus/article.js";
import { commonComponentOf, type LibraryPart, libraryPartOf, mergeLibraryParts } from "../library/build.js";
import type { Library } from "../library/library.js";
import { passageArraysOf } from "../library/passageTable.js";
import type { PartJobs } from "../pool/jobs.js";
import { WorkerPool } from "../pool/pool.js";
import { ownBuffers } from "../pool/serve.js";
import type { BuildProgress } from "./progress.js";

/** Below this much text a second thread costs more to start than it saves. */
const PARALLEL_MIN_CHARACTERS = 8_000_000;
const MAX_HELPERS = 3;
const PART_WORKER = new URL("./partWorker.ts", import.meta.url);

export interface ParallelBuildOptions {
  /** Worker threads besides this one (default: by the amount of text and the cores). */
  helpers?: number;
  onProgress?: (progress: BuildProgress) => void;
}

/**
 * buildLibrary, spread over the machine's cores: the articles are cut into consecutive runs of about
 * equal text, each built in a worker thread (this thread takes the first), and the parts merged into
 * exactly the library one pass would build.
 */
export async function buildLibraryInParallel(
  articles: readonly Article[],
  { helpers = helperCount(articles), onProgress }: ParallelBuildOptions = {},
): Promise<Library> {
  const runs = helpers === 0 || articles.length < 2 ? [[...articles]] : runsOf(articles, helpers + 1);
  // Each run's progress so far; reported as one sum.
  const done = runs.map(() => ({ articles: 0, passages: 0 }));
  const report = (run: number) => (articlesDone: number, passagesDone: number) => {
    done[run] = { articles: articlesDone, passages: passagesDone };
    onProgress?.({ stage: "building", articles: sum(done, "articles"), totalArticles: articles.length, passages: sum(done, "passages") });
  };
  const [own, ...others] = runs;
  // The one thing every part needs of the whole corpus, found first (from a sample of it).
  const common = commonComponentOf(articles);
  if (others.length === 0) return mergeLibraryParts([libraryPartOf(own!, common, report(0))]);
  const pool = new WorkerPool<PartJobs>({
    name: "a build thread",
    module: PART_WORKER,
    size: others.length,
    maxQueued: 0,
    recycle: "after-each-job",
  });
  const remote = others.map((run, i) => partInWorker(pool, { articles: run, common }, report(i + 1)));
  // If this thread's part fails, the helpers' parts are still awaited, so no rejection goes unhandled.
  const local = (() => {
    try {
      return { part: libraryPartOf(own!, common, report(0)) };
    } catch (error) {
      return { error };
    }
  })();
  const parts = await Promise.all(remote).finally(() => pool.close());
  if ("error" in local) throw local.error;
  return mergeLibraryParts([local.part, ...parts]);
}

function helperCount(articles: readonly Article[]): number {
  const characters = articles.reduce((n, a) => n + a.text.length, 0);
  return characters < PARALLEL_MIN_CHARACTERS ? 0 : Math.min(MAX_HELPERS, availableParallelism() - 1);
}

/** Consecutive runs of articles with about the same amount of text each. */
function runsOf(articles: readonly Article[], count: number): Article[][] {
  const total = articles.reduce((n, a) => n + a.text.length, 0);
  const runs: Article[][] = [[]];
  let seen = 0;
  for (const article of articles) {
    if (seen >= (total * runs.length) / count && runs.length < count) runs.push([]);
    runs.at(-1)!.push(article);
    seen += article.text.length;
  }
  return runs.filter((run) => run.length > 0);
}

const sum = (runs: { articles: number; passages: number }[], key: "articles" | "passages") => runs.reduce((n, r) => n + r[key], 0);

function partInWorker(
  pool: WorkerPool<PartJobs>,
  input: PartJobs["part"]["input"],
  onProgress: (articles: number, passages: number) => void,
): Promise<LibraryPart> {
  return pool.run("part", input, { onProgress: (p) => onProgress(p.articles, p.passages) });
}

/** The part's typed arrays, to move to another thread rather than copy. */
export function transferablesOf(part: LibraryPart): ArrayBuffer[] {
  const { passages: p, index: i } = part;
  return ownBuffers([
    ...passageArraysOf(p),
    i.uses,
    i.properUses,
    i.leans,
    ...Object.values(i.text),
    ...Object.values(i.speaker),
    ...(part.meaning ? [part.meaning.signatures, part.meaning.vectors] : []),
  ]);
}
