import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runEntryPoint } from "../../entryPoint.js";

/**
 * `npm run bench [-- --sizes 10k,100k,1m] [--servers 1000x100] [--burst 1000]`: for each size, child processes build a
 * seeded synthetic corpus and measure build, snapshot, memory, /ask latency (also during a reindex) against default
 * MiniSearch; then a bot in N servers of A articles each: start-up, memory, /ask with a server index cold and warm;
 * then N people asking at once through the loopback Discord, and a hostile page meanwhile.
 * Prints a table and writes bench/results/<date>.json. A benchmark, not a test.
 */
const MEASURE = fileURLToPath(new URL("./measureSize.ts", import.meta.url));
const MEASURE_SERVERS = fileURLToPath(new URL("./measureServers.ts", import.meta.url));
const MEASURE_BURST = fileURLToPath(new URL("./measureBurst.ts", import.meta.url));
const PROFILE_ASK = fileURLToPath(new URL("./profileAsk.ts", import.meta.url));

function parseSize(text: string): number {
  const match = text
    .trim()
    .toLowerCase()
    .match(/^(\d+(?:\.\d+)?)(k|m)?$/);
  if (!match) throw new Error(`not a size: "${text}" (use e.g. 10k, 100k, 1m)`);
  return Math.round(Number(match[1]) * (match[2] === "m" ? 1_000_000 : match[2] === "k" ? 1_000 : 1));
}

/** Above this many passages the MiniSearch baseline (a minute a question) and the reindex while serving are left out. */
const LARGEST_COMPARED = 1_000_000;

async function phase(name: string, size: number, dir: string, script = MEASURE, extra: string[] = []): Promise<any> {
  const args = [
    "--expose-gc",
    // Ten million passages take more than 8 GB of heap to build; serving them is measured as it is.
    `--max-old-space-size=${size > LARGEST_COMPARED ? 20_480 : 8_192}`,
    "--import",
    "tsx",
    script,
    ...(name ? [name] : []),
    String(size),
    ...extra,
    dir,
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (c) => (out += String(c)));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`the ${name} phase for ${size} passages failed (exit ${code})`);
  return JSON.parse(out.trim().split("\n").at(-1)!);
}

/** Three processes: build and save; serve from the snapshot as the bot does; default MiniSearch. */
async function measure(size: number): Promise<any> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "citebot-bench-"));
  try {
    const built = await phase("build", size, dir);
    const compared = size <= LARGEST_COMPARED;
    const served = await phase("serve", size, dir, MEASURE, compared ? [] : ["--no-reindex"]);
    if (!compared) return { ...built, ...served, baseline: null, speedup: null };
    const baseline = await phase("baseline", size, dir);
    const speedup = {
      questionsP50: baseline.questions.p50 / served.ask.questions.p50,
      questionsMean: baseline.questions.mean / served.ask.questions.mean,
      keywordsP50: baseline.keywords.p50 / served.ask.keywords.p50,
    };
    return { ...built, ...served, baseline, speedup };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Builds a corpus of `size` passages, then profiles /ask over it (profileAsk.ts prints where the time goes). */
async function profile(size: number): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "citebot-profile-"));
  try {
    await phase("build", size, dir);
    const output = path.join(os.tmpdir(), `citebot-ask-${size}.cpuprofile`);
    const child = spawn(process.execPath, ["--max-old-space-size=20480", "--import", "tsx", PROFILE_ASK, String(size), dir, output], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    if (code !== 0) throw new Error(`profiling /ask over ${size} passages failed (exit ${code})`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** N servers with A articles each, besides a shared corpus: build, then serve with cold and warm server indexes. */
async function measureServers(servers: number, articles: number): Promise<any> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "citebot-bench-servers-"));
  try {
    const built = await phase("build", servers, dir, MEASURE_SERVERS, [String(articles)]);
    const served = await phase("serve", servers, dir, MEASURE_SERVERS, [String(articles)]);
    return { ...built, ...served };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** N people asking at once, then a hostile page while another server asks. */
async function measureBurst(people: number): Promise<any> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "citebot-bench-burst-"));
  try {
    return await phase("", people, dir, MEASURE_BURST);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function burstTable(r: any): string {
  const ms = (a: any) => `${f(a.p50, 0)} / ${f(a.p99, 0)} / ${f(a.max, 0)}`;
  const rows = [
    [
      `${r.people.toLocaleString("en-US")} people asking /ask at once (${r.passages.toLocaleString("en-US")} passages; the bot as npm start runs it)`,
      "",
    ],
    ["acknowledged p50 / p99 / max (ms)", ms(r.burst.acknowledgedMs)],
    ["acknowledged within 3 s / deferred first", `${r.burst.withinThreeSeconds} / ${r.burst.deferred} of ${r.burst.n}`],
    ["answered / the last after (s)", `${r.burst.answered} / ${f(r.burst.lastAnsweredMs / 1000, 1)}`],
    ["another server's clicks meanwhile, answered p50 / p99 / max (ms)", ms(r.burst.clicksElsewhere)],
    ["a page nested 1,200 deep added: the moderator's reply after (ms)", f(r.hostile.page.ms, 0)],
    ["200 /ask in another server while it is read: acknowledged p50 / p99 / max (ms)", ms(r.hostile.asks.acknowledgedMs)],
    ["a third server's clicks meanwhile, answered p50 / p99 / max (ms)", ms(r.hostile.clicksElsewhere)],
  ];
  const widths = [0, 1].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => `| ${row[0]!.padEnd(widths[0]!)} | ${row[1]!.padEnd(widths[1]!)} |`).join("\n");
}

function serversTable(r: any): string {
  const rows = [
    [`${r.servers.toLocaleString("en-US")} servers × ${r.articlesPerServer} articles`, ""],
    ["their passages / snapshots on disk", `${r.serverPassages.toLocaleString("en-US")} / ${mb(r.serverSnapshotBytes)}`],
    ["start-up with them (shared index only) (ms)", f(r.startupMs, 0)],
    ["RSS at start-up", mb(r.startupRssBytes)],
    ["/ask, server index cold: p50 / p95 / p99 (ms)", `${f(r.cold.p50, 1)} / ${f(r.cold.p95, 1)} / ${f(r.cold.p99, 1)}`],
    ["/ask, server index warm: p50 / p95 / p99 (ms)", `${f(r.warm.p50, 2)} / ${f(r.warm.p95, 2)} / ${f(r.warm.p99, 2)}`],
    ["every server asked once (s)", f(r.everyServerMs / 1000, 1)],
    ["server indexes in memory after / reckoned", `${r.serversInMemory} / ${mb(r.reckonedBytes)}`],
    ["peak RSS", mb(r.peakRssBytes)],
  ];
  const widths = [0, 1].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => `| ${row[0]!.padEnd(widths[0]!)} | ${row[1]!.padEnd(widths[1]!)} |`).join("\n");
}

const f = (n: number, digits = 1) => n.toFixed(digits);
const mb = (bytes: number) => `${f(bytes / 1024 / 1024, 0)} MB`;

function table(results: any[]): string {
  const rows = [
    ["passages", ...results.map((r) => r.passages.toLocaleString("en-US"))],
    ["build (ms)", ...results.map((r) => f(r.buildMs, 0))],
    ["index memory / passage", ...results.map((r) => `${f(r.indexHeapBytesPerPassage, 0)} B`)],
    ["engine memory / passage (besides the text)", ...results.map((r) => `${f(r.heapBytesPerPassage, 0)} B`)],
    ["peak RSS building / serving", ...results.map((r) => `${mb(r.buildPeakRssBytes)} / ${mb(r.servingPeakRssBytes)}`)],
    ["snapshot size", ...results.map((r) => mb(r.snapshotBytes))],
    ["snapshot save (ms)", ...results.map((r) => f(r.saveMs, 0))],
    ["start-up: fingerprint + snapshot load (ms)", ...results.map((r) => f(r.startupMs, 0))],
    ["cold start: process, index, one answer (ms)", ...results.map((r) => f(r.coldStartMs, 0))],
    [
      "/ask questions mean / p50 / p95 / p99 (ms)",
      ...results.map(
        (r) => `${f(r.ask.questions.mean, 2)} / ${f(r.ask.questions.p50, 2)} / ${f(r.ask.questions.p95, 2)} / ${f(r.ask.questions.p99, 2)}`,
      ),
    ],
    [
      "/ask keywords p50 / p95 / p99 (ms)",
      ...results.map((r) => `${f(r.ask.keywords.p50, 2)} / ${f(r.ask.keywords.p95, 2)} / ${f(r.ask.keywords.p99, 2)}`),
    ],
    [
      "default MiniSearch questions mean / p50 / p99 (ms)",
      ...results.map((r) =>
        r.baseline ? `${f(r.baseline.questions.mean, 2)} / ${f(r.baseline.questions.p50, 2)} / ${f(r.baseline.questions.p99, 2)}` : "-",
      ),
    ],
    [
      "default MiniSearch keywords p50 / p99 (ms)",
      ...results.map((r) => (r.baseline ? `${f(r.baseline.keywords.p50, 2)} / ${f(r.baseline.keywords.p99, 2)}` : "-")),
    ],
    [
      "speed-up, questions mean / p50, keywords p50",
      ...results.map((r) =>
        r.speedup ? `${f(r.speedup.questionsMean)}× / ${f(r.speedup.questionsP50)}×, ${f(r.speedup.keywordsP50)}×` : "-",
      ),
    ],
    ["reindex in worker (ms)", ...results.map((r) => (r.reindex ? f(r.reindex.workerMs, 0) : "-"))],
    [
      "/ask p50 / p99 during reindex (ms)",
      ...results.map((r) => (r.reindex ? `${f(r.reindex.askDuring.p50, 2)} / ${f(r.reindex.askDuring.p99, 2)}` : "-")),
    ],
    ["peak RSS while reindexing", ...results.map((r) => (r.reindex ? mb(r.reindex.peakRssBytes) : "-"))],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes("--profile")) {
    await profile(parseSize(args[args.indexOf("--profile") + 1] ?? ""));
    return 0;
  }
  const sizesArg = args[args.indexOf("--sizes") + 1];
  // `--sizes 0` leaves the corpus sizes out (to measure servers or a burst alone).
  const sizes = (args.includes("--sizes") && sizesArg ? sizesArg : "10k,100k,1m")
    .split(",")
    .map(parseSize)
    .filter((n) => n > 0);
  const serversArg = args.includes("--servers") ? args[args.indexOf("--servers") + 1] : "1000x100";
  const serverShape = serversArg?.match(/^(\d+)x(\d+)$/);
  if (serversArg !== "0" && !serverShape) throw new Error(`--servers takes e.g. 1000x100 (servers x articles), or 0: not "${serversArg}"`);
  const results = [];
  for (const size of sizes) {
    process.stderr.write(`measuring ${size.toLocaleString("en-US")} passages…\n`);
    results.push(await measure(size));
  }
  let servers = null;
  if (serverShape) {
    process.stderr.write(`measuring ${serverShape[1]} servers of ${serverShape[2]} articles…\n`);
    servers = await measureServers(Number(serverShape[1]), Number(serverShape[2]));
  }
  const burstArg = args.includes("--burst") ? args[args.indexOf("--burst") + 1] : "1000";
  if (!/^\d+$/.test(burstArg ?? "")) throw new Error(`--burst takes a number of people (0 to leave it out): not "${burstArg}"`);
  let burst = null;
  if (Number(burstArg) > 0) {
    process.stderr.write(`measuring ${burstArg} people asking at once…\n`);
    burst = await measureBurst(Number(burstArg));
  }
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${mb(os.totalmem())} RAM, Node ${process.version}`;
  const tables = [results.length > 0 ? table(results) : "", servers ? serversTable(servers) : "", burst ? burstTable(burst) : ""];
  console.log(`Citebot benchmark (${machine})\n\n${tables.filter(Boolean).join("\n\n")}`);
  const dir = path.resolve("bench/results");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  await writeFile(file, `${JSON.stringify({ machine, date: new Date().toISOString(), results, servers, burst }, null, 2)}\n`);
  console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
  return 0;
}

runEntryPoint(main, { name: "bench", failure: "bench failed" });
