import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { commands } from "../../../commands/index.js";
import { Citebot } from "../../app/citebot.js";
import { openEngine } from "../../build/open.js";
import { dispatch } from "../../commandKit/dispatch.js";
import { renderReplyDiscord } from "../../discord/render.js";
import { runEntryPoint } from "../../entryPoint.js";
import { benchQueries, syntheticArticles } from "./syntheticCorpus.js";

/**
 * `profileAsk.ts <size> <dir> <output> [rounds]`: where /ask spends its time. Serves the snapshot a `build`
 * phase of measureSize.ts left in <dir>, as the bot does, and asks the bench's questions and keywords
 * through the command (render included) under V8's sampling profiler (node:inspector). Prints the
 * functions with the most time of their own, and writes the whole profile to <output> (open it in
 * Chrome's DevTools or speedscope for the flame graph). `npm run bench -- --profile 100k` runs it.
 */
const [sizeArg, dir, output, roundsArg = "2"] = process.argv.slice(2);
const size = Number(sizeArg);
const TOP = 25;
const caller = { id: "bench", guildId: "g", roleIds: [], canManageGuild: false };

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

async function main(): Promise<number> {
  if (!Number.isInteger(size) || size <= 0 || !dir || !output) {
    process.stderr.write("usage: profileAsk.ts <size> <dir> <output> [rounds]\n");
    return 2;
  }
  const { questions, keywords } = benchQueries(300, syntheticArticles(size, 42, { vocabularyOnly: true }).vocabulary);
  const opened = await openEngine({ corpusDir: path.join(dir, "corpus"), dataDir: dir });
  if (!opened.fromSnapshot) throw new Error(`the snapshot was not used: ${opened.warnings.join("; ")}`);
  const app = new Citebot(opened.engine, { corpusDir: path.join(dir, "corpus"), dataDir: path.join(dir, "reindexed") });
  const ask = async (question: string) => renderReplyDiscord(await dispatch(commands, "ask", { question }, { app, caller }));
  for (const q of questions.slice(0, 30)) await ask(q); // warm-up: compiled, caches as when serving
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  const started = performance.now();
  const rounds = Number(roundsArg);
  for (let r = 0; r < rounds; r++) for (const q of [...questions, ...keywords]) await ask(q);
  const elapsed = performance.now() - started;
  const { profile } = (await session.post("Profiler.stop")) as { profile: { nodes: ProfileNode[] } };
  session.disconnect();
  await writeFile(output, JSON.stringify(profile));
  const asks = rounds * (questions.length + keywords.length);
  process.stdout.write(`${asks} asks over ${size.toLocaleString("en-US")} passages: ${(elapsed / asks).toFixed(2)} ms each, on average\n`);
  process.stdout.write(`${topEntries(profile.nodes)}\nthe whole profile (a flame graph in Chrome's DevTools or speedscope): ${output}\n`);
  return 0;
}

/** The functions by samples of their own (self time), and with what they call (total), as shares of all samples. */
function topEntries(nodes: ProfileNode[]): string {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const key = (n: ProfileNode) => {
    const { functionName, url, lineNumber } = n.callFrame;
    const file = url ? path.relative(process.cwd(), url.replace(/^file:\/\//, "")) : "";
    return `${functionName || "(anonymous)"} ${file ? `${file}:${lineNumber + 1}` : ""}`.trim();
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  // Each sample counts once for every distinct function on its stack (recursion counted once).
  const walk = (id: number, onStack: Set<string>): number => {
    const node = byId.get(id)!;
    const name = key(node);
    const own = node.hitCount ?? 0;
    all += own;
    self.set(name, (self.get(name) ?? 0) + own);
    const fresh = !onStack.has(name);
    if (fresh) onStack.add(name);
    let below = own;
    for (const child of node.children ?? []) below += walk(child, onStack);
    if (fresh) {
      onStack.delete(name);
      total.set(name, (total.get(name) ?? 0) + below);
    }
    return below;
  };
  walk(nodes[0]!.id, new Set());
  const share = (n: number) => `${((100 * n) / all).toFixed(1).padStart(5)}%`;
  const lines = [...self]
    .filter(([name]) => !name.startsWith("(root)"))
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([name, n]) => `${share(n)} self ${share(total.get(name) ?? n)} total  ${name}`);
  return ["self and total time, the top functions by their own:", ...lines].join("\n");
}

runEntryPoint(main, { name: "profile" });
