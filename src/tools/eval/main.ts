import path from "node:path";
import { foldersFromEnv } from "../../config.js";
import { runEntryPoint } from "../../entryPoint.js";
import { type MissClass, type QaScores, speakerMissClass } from "./score.js";
import { type Scored, score } from "./scoreSet.js";
import { findSets } from "./sets.js";

/**
 * `npm run eval`: scores every public set in EVAL_DIR (default ../shared/eval) and the folders under
 * it (the seeds, `unseen/`, `external/squad`, `external/wikiqa-dev`, `external/polnear`), each against
 * a fresh build of its own corpus, by the rules of the sets' READMEs: the figures, by kind of question
 * and of attribution, WikiQA's own protocol where a set has candidates, and the misses by class (ten
 * of each; `--all-misses` lists all). `--json` prints everything as JSON.
 */
async function main(): Promise<number> {
  const dir = path.resolve(process.env.EVAL_DIR ?? "../shared/eval");
  const sets = findSets(dir, foldersFromEnv().corpusDir);
  if (sets.length === 0) throw new Error(`no evaluation set (dev_qa.json, qa.json or attribution.json) in ${dir}`);
  const results: Scored[] = [];
  for (const set of sets) results.push(await score(set));
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(results.map(({ set, ...scores }) => ({ name: set.name, corpus: set.corpusDir, ...scores }))));
    return 0;
  }
  const allMisses = process.argv.includes("--all-misses");
  for (const result of results) console.log(`${report(result, allMisses)}\n`);
  console.log(summary(results));
  return 0;
}

const f = (x: number) => x.toFixed(3);
const MISSES_SHOWN = 10;

function report({ set, qa, candidates, attribution }: Scored, allMisses: boolean): string {
  const lines = [
    `${set.name}: ${qa ? `${qa.answerable} answerable + ${qa.unanswerable} unanswerable questions, ` : ""}${attribution?.items ?? 0} attributions (corpus ${set.corpusDir})`,
  ];
  if (qa) {
    lines.push(
      `  recall@1 ${f(qa.recallAt1)}   recall@3 ${f(qa.recallAt3)}   recall@5 ${f(qa.recallAt5)}   MRR ${f(qa.mrr)}`,
      `  abstention ${f(qa.abstention)}   false abstention ${f(qa.falseAbstention)}   balanced ${f(qa.balanced)}`,
      "  by kind of question:",
      ...Object.entries(qa.byKind).map(([kind, k]) =>
        kind === "unanswerable"
          ? `    ${kind.padEnd(14)} ${String(k.questions).padStart(4)}   abstention ${f(k.abstention)}`
          : `    ${kind.padEnd(14)} ${String(k.questions).padStart(4)}   recall@3 ${f(k.recallAt3)}   MRR ${f(k.mrr)}   false abstention ${f(k.falseAbstention)}`,
      ),
    );
  }
  if (candidates) {
    const t = candidates.triggering;
    lines.push(
      `  candidates (${candidates.questions} questions with a right sentence): MAP ${f(candidates.map)}   MRR ${f(candidates.mrr)}` +
        `   (each paragraph read in order: MAP ${f(candidates.inOrder.map)}   MRR ${f(candidates.inOrder.mrr)})`,
      `  answer triggering: precision ${f(t.precision)}   recall ${f(t.recall)}   F1 ${f(t.f1)}   (${t.triggered} triggered, ${t.right} right)`,
    );
  }
  if (attribution) {
    lines.push(
      `  attribution ${f(attribution.accuracy)}, by kind:`,
      ...Object.entries(attribution.byKind).map(([kind, k]) => `    ${kind.padEnd(14)} ${String(k.items).padStart(4)}   ${f(k.accuracy)}`),
      "  speakers given, right when named and when shown as probably:",
      ...Object.entries(attribution.byConfidence).map(
        ([how, k]) => `    ${how.padEnd(14)} ${String(k.items).padStart(4)}   ${f(k.accuracy)}`,
      ),
    );
  }
  const byClass = groupBy<MissClass, QaScores["misses"][number]>(qa?.misses ?? [], (m) => m.class);
  if (byClass.size > 0) lines.push("  questions scored wrong, by class:");
  for (const [cls, misses] of byClass) {
    lines.push(`    ${cls}: ${misses.length} (${countsBy(misses.map((m) => m.kind))})`);
    for (const m of allMisses ? misses : misses.slice(0, MISSES_SHOWN))
      lines.push(`      ${m.id} [${m.kind}] rank ${m.rank < 0 ? "none" : m.rank + 1}: ${m.question}`);
    if (!allMisses && misses.length > MISSES_SHOWN) lines.push(`      … and ${misses.length - MISSES_SHOWN} more (--all-misses)`);
  }
  const speakerMisses = attribution?.misses ?? [];
  if (speakerMisses.length > 0) lines.push(`  speakers scored wrong, by class: ${speakerMisses.length}`);
  for (const [kind, misses] of groupBy(speakerMisses, speakerMissClass)) {
    lines.push(`    ${kind}: ${misses.length} (${countsBy(misses.map((m) => m.kind))})`);
    for (const m of allMisses ? misses : misses.slice(0, MISSES_SHOWN))
      lines.push(`      [${m.kind}] ${JSON.stringify(m.got)} for "${m.text.slice(0, 60)}…" (expected ${JSON.stringify(m.expected)})`);
    if (!allMisses && misses.length > MISSES_SHOWN) lines.push(`      … and ${misses.length - MISSES_SHOWN} more (--all-misses)`);
  }
  return lines.join("\n");
}

/** The items by a key, in the order keys first appear. */
function groupBy<K, T>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

/** "factoid 3, typo 1": how many of each, in the order first seen. */
const countsBy = (kinds: readonly string[]) => [...groupBy(kinds, (k) => k)].map(([k, all]) => `${k} ${all.length}`).join(", ");

/** One line a set, side by side. */
function summary(results: Scored[]): string {
  const width = Math.max(...results.map((r) => r.set.name.length), 3);
  const cell = (x: number | undefined) => (x === undefined ? "    —" : f(x)).padStart(6);
  const head = `${"set".padEnd(width)}   r@1    r@3    MRR   abst  f.abst  balanced   MAP  trig.F1  attrib.`;
  return [
    head,
    ...results.map(({ set, qa, candidates, attribution }) =>
      [
        set.name.padEnd(width),
        cell(qa?.recallAt1),
        cell(qa?.recallAt3),
        cell(qa?.mrr),
        cell(qa?.abstention),
        cell(qa?.falseAbstention),
        `  ${cell(qa?.balanced)}`,
        cell(candidates?.map),
        ` ${cell(candidates?.triggering.f1)}`,
        ` ${cell(attribution?.accuracy)}`,
      ].join(" "),
    ),
  ].join("\n");
}

runEntryPoint(main, { name: "eval", failure: "eval failed" });
