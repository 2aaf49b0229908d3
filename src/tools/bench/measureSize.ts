import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import MiniSearch from "minisearch";
import { commands } from "../../../commands/index.js";
import { Citebot } from "../../app/citebot.js";
import { openEngine } from "../../build/open.js";
import { buildLibraryInParallel } from "../../build/parallelBuild.js";
import { dispatch } from "../../commandKit/dispatch.js";
import { readCorpusFolder } from "../../corpus/folder.js";
import { renderReplyDiscord } from "../../discord/render.js";
import { runEntryPoint } from "../../entryPoint.js";
import { passagesOf } from "../../passages/split.js";
import { PassageIndex } from "../../search/passageIndex.js";
import { corpusFingerprint } from "../../store/fingerprint.js";
import { pipelineVersion } from "../../store/pipelineVersion.js";
import { saveSnapshot, snapshotPath } from "../../store/snapshot.js";
import { type Latency, summarise } from "./latency.js";
import { benchQueries, syntheticArticles } from "./syntheticCorpus.js";

/**
 * One phase of measuring one corpus size, in a process of its own (bench/main runs them), so that
 * heap and peak RSS belong to that phase alone:
 *   build <size> <dir>     write the corpus files, build the library as a reindex does, save the snapshot
 *   serve <size> <dir> [--no-reindex]
 *                          start from the snapshot as the bot does, time /ask; then time a worker
 *                          reindex and /ask meanwhile
 *   baseline <size>        default MiniSearch over the same passages, same queries
 * Prints one JSON line.
 */
const [phase, sizeArg, ...rest] = process.argv.slice(2);
const dir = rest.find((a) => !a.startsWith("--"));
/** `--no-reindex`: serve without the reindex (ten million passages: the build's figures say what a reindex costs). */
const reindexing = !rest.includes("--no-reindex");
const size = Number(sizeArg);
const QUERIES = 300;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
/** Heap and typed arrays' memory (outside the heap) together. */
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
};
const caller = { id: "bench", guildId: "g", roleIds: [], canManageGuild: false };

async function timeEach(queries: string[], run: (q: string) => unknown): Promise<Latency> {
  for (const q of queries.slice(0, 20)) await run(q); // warm-up
  const samples: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    await run(q);
    samples.push(performance.now() - started);
  }
  return summarise(samples);
}

const peakRss = () => process.resourceUsage().maxRSS * 1024;

/** Builds as a reindex does (every core), saves the snapshot and writes the corpus it was built from. */
async function build(): Promise<object> {
  const { articles } = syntheticArticles(size);
  const corpusDir = path.join(dir!, "corpus");
  await mkdir(corpusDir, { recursive: true });
  for (const a of articles) await writeFile(path.join(corpusDir, a.file), a.text);
  const heapBefore = heap();
  const started = performance.now();
  const library = await buildLibraryInParallel(articles);
  const buildMs = performance.now() - started;
  const heapAfter = heap();
  const indexOnly = heapBytesOf(() => PassageIndex.fromSnapshot(structuredClone(library.index.toData())));
  const saving = performance.now();
  await saveSnapshot(dir!, {
    library,
    fingerprint: corpusFingerprint(await readCorpusFolder(corpusDir), pipelineVersion()),
    builtAt: new Date().toISOString(),
  });
  const saveMs = performance.now() - saving;
  const passages = library.passages.length;
  return {
    passages,
    articles: articles.length,
    buildMs,
    heapBytesPerPassage: (heapAfter - heapBefore) / passages,
    indexHeapBytesPerPassage: indexOnly / passages,
    snapshotBytes: (await stat(snapshotPath(dir!))).size,
    saveMs,
    buildPeakRssBytes: peakRss(),
  };
}

/** Memory held by what make() returns. */
function heapBytesOf(make: () => unknown): number {
  const before = heap();
  const made = make();
  const after = heap();
  void made;
  return after - before;
}

async function serve(): Promise<object> {
  const { questions, keywords } = benchQueries(QUERIES, syntheticArticles(size, 42, { vocabularyOnly: true }).vocabulary);
  // As the bot starts: fingerprint the corpus, find the snapshot matches it, load it.
  const started = performance.now();
  const opened = await openEngine({ corpusDir: path.join(dir!, "corpus"), dataDir: dir! });
  if (!opened.fromSnapshot) throw new Error(`the snapshot was not used: ${opened.warnings.join("; ")}`);
  const engine = opened.engine;
  const startupMs = performance.now() - started;
  const app = new Citebot(engine, { corpusDir: path.join(dir!, "corpus"), dataDir: path.join(dir!, "reindexed") });
  const ask = async (question: string) => renderReplyDiscord(await dispatch(commands, "ask", { question }, { app, caller }));
  // From the process's start to its first answer: Node, the code, the snapshot, one question.
  await ask(questions[0]!);
  const coldStartMs = process.uptime() * 1000;
  const questionsLatency = await timeEach(questions, ask);
  const keywordsLatency = await timeEach(keywords, ask);
  const answeredShare = questions.filter((q) => engine.ask(q).answered).length / questions.length;
  const servingPeakRssBytes = peakRss();
  if (!reindexing)
    return { startupMs, coldStartMs, ask: { questions: questionsLatency, keywords: keywordsLatency, answeredShare }, servingPeakRssBytes };
  // A full reindex in the worker, as /reindex runs it, with questions asked every 20 ms meanwhile.
  const begun = performance.now();
  const running = app.shared.reindex();
  const samples: number[] = [];
  for (let i = 0; app.shared.reindexing; i++) {
    const t = performance.now();
    await ask(questions[i % questions.length]!);
    samples.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  const outcome = await running;
  if (!outcome.ok) throw new Error(`reindex failed: ${JSON.stringify(outcome.problems.slice(0, 3))}`);
  const reindex = {
    workerMs: performance.now() - begun,
    askDuring: summarise(samples),
    asksDuring: samples.length,
    peakRssBytes: peakRss(),
  };
  return {
    startupMs,
    coldStartMs,
    ask: { questions: questionsLatency, keywords: keywordsLatency, answeredShare },
    servingPeakRssBytes,
    reindex,
  };
}

async function baseline(): Promise<object> {
  const { articles, vocabulary } = syntheticArticles(size);
  // Default MiniSearch takes seconds a question at a million passages: fewer of them keep the run short.
  const { questions, keywords } = benchQueries(size >= 1_000_000 ? 60 : QUERIES, vocabulary);
  const started = performance.now();
  const search = new MiniSearch({ fields: ["text"] });
  let id = 0;
  for (const a of articles) for (const p of passagesOf(a)) search.add({ id: id++, text: p.text });
  const buildMs = performance.now() - started;
  return {
    buildMs,
    questions: await timeEach(questions, (q) => search.search(q)),
    keywords: await timeEach(keywords, (q) => search.search(q)),
  };
}

const phases: Record<string, () => Promise<object>> = { build, serve, baseline };
runEntryPoint(
  async () => {
    const run = phases[phase ?? ""];
    if (!run) {
      process.stderr.write("usage: measureSize.ts build|serve|baseline <size> [dir]\n");
      return 2;
    }
    process.stdout.write(`${JSON.stringify(await run())}\n`);
    return 0;
  },
  { name: "bench phase" },
);
