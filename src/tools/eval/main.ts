import path from "node:path";
import { Engine } from "../../answer/engine.js";
import { foldersFromEnv } from "../../config.js";
import { loadCorpus } from "../../corpus/load.js";
import { runEntryPoint } from "../../entryPoint.js";
import { buildLibrary } from "../../library/build.js";
import { type AttributionScores, type QaScores, scoreAttribution, scoreQa } from "./score.js";
import { AttributionSetSchema, type EvalSet, findSets, QaSetSchema, readSet } from "./sets.js";

/**
 * `npm run eval`: scores every public set in EVAL_DIR (default ../shared/eval) and its sub-folders
 * (the seeds, `unseen/`), each against a fresh build of its own corpus, by the rules of the sets'
 * README: the figures, the figures by kind of question and of attribution, and every miss.
 * `--json` prints them as JSON.
 */
async function main(): Promise<number> {
  const dir = path.resolve(process.env.EVAL_DIR ?? "../shared/eval");
  const sets = findSets(dir, foldersFromEnv().corpusDir);
  if (sets.length === 0) throw new Error(`no evaluation set (dev_qa.json or qa.json) in ${dir}`);
  const results = [];
  for (const set of sets) results.push({ set, ...(await score(set)) });
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(results.map(({ set, qa, attribution }) => ({ name: set.name, corpus: set.corpusDir, qa, attribution }))));
    return 0;
  }
  for (const { set, qa, attribution } of results) console.log(`${report(set, qa, attribution)}\n`);
  return 0;
}

async function score(set: EvalSet): Promise<{ qa: QaScores; attribution: AttributionScores | null }> {
  const { articles } = await loadCorpus(set.corpusDir);
  const engine = new Engine(buildLibrary(articles), new Date().toISOString(), "eval");
  const qa = scoreQa(await readSet(set.qaFile, QaSetSchema), (q) => engine.ask(q, { limit: 5 }));
  const attribution = set.attributionFile
    ? scoreAttribution(await readSet(set.attributionFile, AttributionSetSchema), engine.passages())
    : null;
  return { qa, attribution };
}

const f = (x: number) => x.toFixed(3);

function report(set: EvalSet, qa: QaScores, attribution: AttributionScores | null): string {
  const lines = [
    `${set.name}: ${qa.answerable} answerable + ${qa.unanswerable} unanswerable questions, ${attribution?.items ?? 0} attributions (corpus ${set.corpusDir})`,
    `  recall@1 ${f(qa.recallAt1)}   recall@3 ${f(qa.recallAt3)}   recall@5 ${f(qa.recallAt5)}   MRR ${f(qa.mrr)}`,
    `  abstention ${f(qa.abstention)}   false abstention ${f(qa.falseAbstention)}${attribution ? `   attribution ${f(attribution.accuracy)}` : ""}`,
    "  by kind of question:",
    ...Object.entries(qa.byKind).map(([kind, k]) =>
      kind === "unanswerable"
        ? `    ${kind.padEnd(14)} ${String(k.questions).padStart(3)}   abstention ${f(k.abstention)}`
        : `    ${kind.padEnd(14)} ${String(k.questions).padStart(3)}   recall@3 ${f(k.recallAt3)}   MRR ${f(k.mrr)}   false abstention ${f(k.falseAbstention)}`,
    ),
  ];
  if (attribution) {
    lines.push(
      "  attribution by kind:",
      ...Object.entries(attribution.byKind).map(([kind, k]) => `    ${kind.padEnd(14)} ${String(k.items).padStart(3)}   ${f(k.accuracy)}`),
    );
  }
  if (qa.misses.length + (attribution?.misses.length ?? 0) > 0) lines.push("  not first, or wrongly answered or abstained:");
  for (const m of qa.misses)
    lines.push(`    ${m.id} [${m.kind}] rank ${m.rank < 0 ? "none" : m.rank + 1}, answered ${m.answered}: ${m.question}`);
  for (const m of attribution?.misses ?? [])
    lines.push(`    speaker [${m.kind}] ${JSON.stringify(m.got)} for "${m.text.slice(0, 60)}…" (expected ${JSON.stringify(m.expected)})`);
  return lines.join("\n");
}

runEntryPoint(main, { name: "eval", failure: "eval failed" });
