import path from "node:path";
import { Engine } from "../answer/engine.js";
import { buildLibrary } from "../answer/library.js";
import { foldersFromEnv } from "../config.js";
import { loadCorpus } from "../corpus/load.js";
import { runEntryPoint } from "../entryPoint.js";
import { scoreAttribution, scoreQa } from "./score.js";
import { AttributionSetSchema, QaSetSchema, readSet } from "./sets.js";

/**
 * `npm run eval`: scores the public sets (EVAL_DIR, default ../shared/eval) against a fresh build of
 * the corpus (CORPUS_DIR), by the rules of the sets' README. `--json` prints the figures as JSON.
 */
async function main(): Promise<number> {
  const dir = path.resolve(process.env.EVAL_DIR ?? "../shared/eval");
  const { corpusDir } = foldersFromEnv();
  const { articles } = await loadCorpus(corpusDir);
  const engine = new Engine(buildLibrary(articles), new Date().toISOString(), "eval");
  const qa = scoreQa(await readSet(dir, "dev_qa.json", QaSetSchema), (q) => engine.ask(q, { limit: 5 }));
  const attribution = scoreAttribution(await readSet(dir, "dev_attribution.json", AttributionSetSchema), engine.passages());

  if (process.argv.includes("--json")) {
    console.log(JSON.stringify({ qa, attribution }));
    return 0;
  }
  const f = (x: number) => x.toFixed(3);
  console.log(`Citebot eval: ${qa.answerable} answerable + ${qa.unanswerable} unanswerable questions, ${attribution.items} attributions (${dir})`);
  console.log(`  recall@1            ${f(qa.recallAt1)}`);
  console.log(`  recall@3            ${f(qa.recallAt3)}   (target >= 0.95)`);
  console.log(`  recall@5            ${f(qa.recallAt5)}`);
  console.log(`  MRR                 ${f(qa.mrr)}   (target >= 0.85)`);
  console.log(`  abstention          ${f(qa.abstention)}   (target >= 0.85)`);
  console.log(`  false abstention    ${f(qa.falseAbstention)}   (target <= 0.05)`);
  console.log(`  attribution         ${f(attribution.accuracy)}   (target >= 0.95)`);
  if (qa.misses.length + attribution.misses.length > 0) console.log("Not first or wrong:");
  for (const m of qa.misses) console.log(`  ${m.id} [${m.kind}] rank ${m.rank < 0 ? "none" : m.rank + 1}, answered ${m.answered}: ${m.question}`);
  for (const m of attribution.misses) console.log(`  speaker ${JSON.stringify(m.got)} for "${m.text.slice(0, 50)}…" (expected ${JSON.stringify(m.expected)})`);
  return 0;
}

runEntryPoint(main, { name: "eval", failure: "eval failed" });
