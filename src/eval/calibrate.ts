import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { judgeQuestion } from "../answer/ask.js";
import { answerProbability, answers, EVIDENCE_KEYS, leadOf, rankScore, type Evidence, type EvidenceKey } from "../answer/answerability.js";
import { buildLibrary } from "../answer/library.js";
import { foldersFromEnv } from "../config.js";
import { loadCorpus } from "../corpus/load.js";
import { runEntryPoint } from "../entryPoint.js";
import { analyzeQuestion } from "../question/analyze.js";
import { ANSWERABILITY } from "../tuning.js";
import { isGold } from "./score.js";
import { findSets, QaSetSchema, readSet } from "./sets.js";

/**
 * `npm run calibrate`: fits the weights of ranking and of the answer decision (src/tuning.ts) on the
 * public sets and prints them; `-- --write` writes them into src/tuning.ts, `-- --curve` prints the
 * balanced accuracy at every threshold.
 *
 * 1. Ranking: for every answerable question, its closely judged candidates; the weights maximise the
 *    likelihood of the gold passages under a softmax over them (gradient ascent, L2-regularised).
 * 2. Decision: with that ranking, each question's best candidate and its lead over the next; a
 *    logistic regression says answerable (1) or not (0).
 * 3. Threshold: the one that best balances abstaining on unanswerable questions and answering
 *    answerable ones, each set counted alike; of near ties, the one that abstains most.
 */
const KEYS = EVIDENCE_KEYS;

interface Question {
  set: string;
  answerable: boolean;
  candidates: { evidence: Evidence; gold: boolean }[];
}

async function main(): Promise<number> {
  const dir = path.resolve(process.env.EVAL_DIR ?? "../shared/eval");
  const questions: Question[] = [];
  for (const set of findSets(dir, foldersFromEnv().corpusDir)) {
    const { articles } = await loadCorpus(set.corpusDir);
    const library = buildLibrary(articles);
    for (const item of (await readSet(set.qaFile, QaSetSchema)).items) {
      const q = analyzeQuestion(item.question, library.index, library.vectors);
      const judged = judgeQuestion(library, q).ranked.filter((j) => Number.isFinite(j.score));
      questions.push({
        set: set.name,
        answerable: item.gold.length > 0,
        candidates: judged.map((j) => ({ evidence: j.evidence, gold: isGold(library.passages.at(j.hit.doc)!.text, item.gold) })),
      });
    }
  }
  const ranking = fitRanking(questions.filter((q) => q.answerable && q.candidates.some((c) => c.gold)));
  const rank = (e: Evidence) => rankScore(e, ranking);
  const tops = questions.map((q) => {
    const sorted = [...q.candidates].sort((a, b) => rank(b.evidence) - rank(a.evidence));
    const [first, second] = sorted;
    return { q, top: first, lead: first ? leadOf(rank(first.evidence), second && rank(second.evidence)) : 1 };
  });
  const examples = tops.filter((t) => t.top).map((t) => ({ x: [...KEYS.map((k) => t.top!.evidence[k]), t.lead], y: t.q.answerable ? 1 : 0 }));
  const { bias, weights } = logistic(examples, KEYS.length + 1);
  const model = { bias, leadWeight: weights[KEYS.length]!, weights: Object.fromEntries(KEYS.map((k, i) => [k, weights[i]!])) as Record<EvidenceKey, number> };
  const probability = (t: (typeof tops)[number]) => (t.top ? answerProbability(t.top.evidence, t.lead, model) : 0);
  // The threshold with the best balance; of those within TIE of it, the highest: when answering
  // more costs as much as it gains, abstaining is the safer (a confident answer the articles do
  // not give does more harm than a right one shown as related).
  const curve: { threshold: number; balance: number }[] = [];
  for (let th = 5; th <= 95; th++) {
    curve.push({ threshold: th / 100, balance: balanceAt(tops.map((t) => ({ set: t.q.set, answerable: t.q.answerable, answered: t.top !== undefined && answers(probability(t), t.top.evidence, th / 100) }))) });
  }
  if (process.argv.includes("--curve")) for (const c of curve) console.log(`threshold ${c.threshold.toFixed(2)}: balanced accuracy ${c.balance.toFixed(3)}`);
  const top = Math.max(...curve.map((c) => c.balance));
  const best = curve.filter((c) => c.balance >= top - TIE).at(-1)!;
  const round = (x: number) => Math.round(x * 100) / 100;
  const fitted = {
    ranking: Object.fromEntries(KEYS.map((k) => [k, round(ranking[k])])) as Record<EvidenceKey, number>,
    answerability: { bias: round(bias), leadWeight: round(model.leadWeight), maxLead: ANSWERABILITY.maxLead, weights: Object.fromEntries(KEYS.map((k) => [k, round(model.weights[k])])) as Record<EvidenceKey, number>, threshold: best.threshold },
  };
  if (process.argv.includes("--write")) {
    await writeFile(TUNING_FILE, withFit(await readFile(TUNING_FILE, "utf8"), fitted));
    console.log(`wrote the fit to ${path.relative(process.cwd(), TUNING_FILE)}`);
  } else {
    console.log(`RANKING = ${JSON.stringify(fitted.ranking, null, 2)}\nANSWERABILITY = ${JSON.stringify(fitted.answerability, null, 2)}`);
  }
  const goldFirst = tops.filter((t) => t.q.answerable && t.top?.gold).length / Math.max(1, tops.filter((t) => t.q.answerable).length);
  console.log(`over ${questions.length} questions: gold ranked first ${goldFirst.toFixed(3)}, balanced accuracy of the decision ${best.balance.toFixed(3)}`);
  return 0;
}

const TUNING_FILE = fileURLToPath(new URL("../tuning.ts", import.meta.url));

/** tuning.ts with its RANKING and ANSWERABILITY values replaced by the fit's, the rest as it was. */
function withFit(source: string, fit: { ranking: Record<EvidenceKey, number>; answerability: typeof ANSWERABILITY }): string {
  const lines = (values: Record<string, number>, indent: string) => Object.entries(values).map(([k, v]) => `${indent}${k}: ${v},`).join("\n");
  const { weights, ...scalars } = fit.answerability;
  const replaced = source
    .replace(/(export const RANKING: [^=]*= \{\n)[\s\S]*?\n\};/, (_, head: string) => `${head}${lines(fit.ranking, "  ")}\n};`)
    .replace(/(export const ANSWERABILITY: [^=]*= \{\n)[\s\S]*?\n\};/, (_, head: string) => {
      const { threshold, ...rest } = scalars;
      return `${head}${lines(rest, "  ")}\n  weights: {\n${lines(weights, "    ")}\n  },\n  threshold: ${threshold},\n};`;
    });
  if (replaced === source && !source.includes("export const RANKING")) throw new Error("tuning.ts has no RANKING to replace");
  return replaced;
}

/** Balances this close to the best count as equal. */
const TIE = 0.01;

/** Weights maximising Σ log(Σ_gold e^score / Σ_all e^score) over questions, less an L2 penalty. */
function fitRanking(questions: Question[]): Record<EvidenceKey, number> {
  const w = Object.fromEntries(KEYS.map((k) => [k, 0])) as Record<EvidenceKey, number>;
  const rate = 0.5;
  const l2 = 0.01;
  for (let round = 0; round < 2000; round++) {
    const grad = Object.fromEntries(KEYS.map((k) => [k, 0])) as Record<EvidenceKey, number>;
    for (const q of questions) {
      const scores = q.candidates.map((c) => KEYS.reduce((z, k) => z + w[k] * c.evidence[k], 0));
      const top = Math.max(...scores);
      const exp = scores.map((s) => Math.exp(s - top));
      const all = exp.reduce((a, b) => a + b, 0);
      const gold = exp.reduce((a, e, i) => a + (q.candidates[i]!.gold ? e : 0), 0);
      for (const k of KEYS) {
        let expectedAll = 0;
        let expectedGold = 0;
        q.candidates.forEach((c, i) => {
          expectedAll += (exp[i]! / all) * c.evidence[k];
          if (c.gold) expectedGold += (exp[i]! / gold) * c.evidence[k];
        });
        grad[k] += expectedGold - expectedAll;
      }
    }
    for (const k of KEYS) w[k] += rate * (grad[k] / questions.length - l2 * w[k]);
  }
  return w;
}

/** Logistic regression by gradient descent, L2-regularised. */
function logistic(examples: { x: number[]; y: number }[], n: number): { bias: number; weights: number[] } {
  const weights = new Array<number>(n).fill(0);
  let bias = 0;
  const rate = 0.5;
  const l2 = Number(process.env.L2 ?? 0.01);
  for (let round = 0; round < 20000; round++) {
    const grad = new Array<number>(n).fill(0);
    let gradBias = 0;
    for (const { x, y } of examples) {
      const p = 1 / (1 + Math.exp(-(bias + x.reduce((z, xi, i) => z + weights[i]! * xi, 0))));
      for (let i = 0; i < n; i++) grad[i]! += (p - y) * x[i]!;
      gradBias += p - y;
    }
    for (let i = 0; i < n; i++) weights[i]! -= rate * (grad[i]! / examples.length + l2 * weights[i]!);
    bias -= rate * (gradBias / examples.length);
  }
  return { bias, weights };
}

/** Mean of abstention (unanswerable questions) and answering (answerable ones), each set counted alike. */
function balanceAt(decisions: { set: string; answerable: boolean; answered: boolean }[]): number {
  const sets = [...new Set(decisions.map((d) => d.set))];
  return (
    sets.reduce((sum, set) => {
      const own = decisions.filter((d) => d.set === set);
      const unanswerable = own.filter((d) => !d.answerable);
      const answerable = own.filter((d) => d.answerable);
      const abstention = unanswerable.filter((d) => !d.answered).length / Math.max(1, unanswerable.length);
      const answering = answerable.filter((d) => d.answered).length / Math.max(1, answerable.length);
      return sum + (abstention + answering) / 2;
    }, 0) / sets.length
  );
}

runEntryPoint(main, { name: "calibrate", failure: "calibrate failed" });
