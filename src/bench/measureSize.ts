import { mkdtemp, rm, stat, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import MiniSearch from "minisearch";
import { commands } from "../../commands/index.js";
import { Citebot } from "../app/citebot.js";
import { Engine } from "../answer/engine.js";
import { attributedPassagesOf, indexOf } from "../answer/library.js";
import { renderReplyDiscord } from "../discord/render.js";
import { dispatch } from "../replies/dispatch.js";
import { loadSnapshot, saveSnapshot, snapshotPath } from "../store/snapshot.js";
import { benchQueries, syntheticArticles } from "./syntheticCorpus.js";

/**
 * Measures one corpus size in this process (run by bench/main in a child process per size, so heap
 * and peak RSS are its own). Prints one JSON line of results.
 */
const size = Number(process.argv[2]);
const withReindex = process.argv.includes("--reindex");
const QUERIES = 300;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const heap = () => (gc(), process.memoryUsage().heapUsed);

interface Latency {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

function summarise(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: at(50), p95: at(95), p99: at(99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

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

async function main(): Promise<void> {
  const { articles, vocabulary } = syntheticArticles(size);
  const { questions, keywords } = benchQueries(QUERIES, vocabulary);

  const heapBefore = heap();
  let started = performance.now();
  const { passages, cards } = attributedPassagesOf(articles);
  const heapPassages = heap();
  const index = indexOf(passages);
  const buildMs = performance.now() - started;
  const heapAfter = heap();
  const library = { articles: cards, passages, index };
  const heapBytes = heapAfter - heapBefore;
  const indexHeapBytes = heapAfter - heapPassages;

  const dataDir = await mkdtemp(path.join(tmpdir(), "citebot-bench-"));
  started = performance.now();
  await saveSnapshot(dataDir, { library, fingerprint: "bench", builtAt: new Date().toISOString() });
  const saveMs = performance.now() - started;
  const snapshotBytes = (await stat(snapshotPath(dataDir))).size;
  started = performance.now();
  const loaded = await loadSnapshot(dataDir);
  const loadMs = performance.now() - started;
  if (!loaded.snapshot) throw new Error(`snapshot did not load: ${loaded.problem}`);

  const engine = new Engine(library, "now", "bench");
  const app = new Citebot(engine, { corpusDir: "/none", dataDir });
  const caller = { id: "bench", guildId: "g", roleIds: [], canManageGuild: false };
  const ask = async (question: string) => renderReplyDiscord(await dispatch(commands, "ask", { question }, { app, caller }));
  const oursQuestions = await timeEach(questions, ask);
  const oursKeywords = await timeEach(keywords, ask);
  const answered = questions.filter((q) => engine.ask(q).answered).length / questions.length;

  // The baseline: MiniSearch with default options over the same passages.
  started = performance.now();
  const baseline = new MiniSearch({ fields: ["text"] });
  baseline.addAll(library.passages.map((p, id) => ({ id, text: p.text })));
  const baselineBuildMs = performance.now() - started;
  const baseQuestions = await timeEach(questions, (q) => baseline.search(q));
  const baseKeywords = await timeEach(keywords, (q) => baseline.search(q));

  let reindex: { workerMs: number; askDuring: Latency; startupMs: number } | null = null;
  if (withReindex) reindex = await measureReindex(articles, dataDir, app, questions);

  await rm(dataDir, { recursive: true, force: true });
  const result = {
    passages: library.passages.length,
    articles: articles.length,
    buildMs,
    heapBytes,
    heapBytesPerPassage: heapBytes / library.passages.length,
    indexHeapBytesPerPassage: indexHeapBytes / library.passages.length,
    snapshotBytes,
    saveMs,
    loadMs,
    ask: { questions: oursQuestions, keywords: oursKeywords, answeredShare: answered },
    baseline: { buildMs: baselineBuildMs, questions: baseQuestions, keywords: baseKeywords },
    speedup: { questionsP50: baseQuestions.p50 / oursQuestions.p50, keywordsP50: baseKeywords.p50 / oursKeywords.p50 },
    reindex,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** A full reindex from files in the worker thread, with /ask timed on the main thread meanwhile. */
async function measureReindex(articles: ReturnType<typeof syntheticArticles>["articles"], dataDir: string, app: Citebot, questions: string[]) {
  const corpusDir = path.join(dataDir, "corpus");
  await mkdir(corpusDir);
  for (const a of articles) await writeFile(path.join(corpusDir, a.file), a.text);
  const folders = { corpusDir, dataDir: path.join(dataDir, "reindexed") };
  const live = new Citebot(app.engine, folders);
  const caller = { id: "bench", guildId: "g", roleIds: [], canManageGuild: false };
  const started = performance.now();
  const running = live.reindex();
  const samples: number[] = [];
  let i = 0;
  while (live.reindexing) {
    const t = performance.now();
    renderReplyDiscord(await dispatch(commands, "ask", { question: questions[i++ % questions.length]! }, { app: live, caller }));
    samples.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 5));
  }
  const outcome = await running;
  if (!outcome.ok) throw new Error(`reindex failed: ${JSON.stringify(outcome.problems.slice(0, 3))}`);
  const workerMs = performance.now() - started;
  const t = performance.now();
  const loaded = await loadSnapshot(folders.dataDir);
  if (!loaded.snapshot) throw new Error("no snapshot after reindex");
  new Engine(loaded.snapshot.library, loaded.snapshot.builtAt, loaded.snapshot.fingerprint);
  const startupMs = performance.now() - t;
  return { workerMs, askDuring: summarise(samples), startupMs };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
