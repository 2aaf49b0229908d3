import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type AnswerModel,
  answerProbability,
  answers,
  EVIDENCE_KEYS,
  type Evidence,
  type EvidenceKey,
  leadOf,
  rankScore,
} from "../../answer/answerability.js";
import { judgeQuestion } from "../../answer/ask.js";
import { foldersFromEnv } from "../../config.js";
import { loadCorpus } from "../../corpus/load.js";
import { runEntryPoint } from "../../entryPoint.js";
import { buildLibrary } from "../../library/build.js";
import { analyzeQuestion } from "../../question/analyze.js";
import { ANSWERABILITY, RANKING } from "../../tuning.js";
import { isGold } from "./score.js";
import { type EvalSet, findSets, QaSetSchema, readSet } from "./sets.js";

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
 * The decision's L2 penalty is chosen by 5-fold cross-validation of all three steps, and the
 * held-out balanced accuracy printed: what to expect on questions the fit has not seen.
 * `-- --held-out` reports the ranking alone, fitted with each set left out in turn (SQuAD's
 * train.json among the sets), and writes nothing.
 */
const KEYS = EVIDENCE_KEYS;
/** The evidence the decision weighs: the keys tuning.ts's ANSWERABILITY lists (the rest did not help on held-out questions). */
const DECISION_KEYS = Object.keys(ANSWERABILITY.weights) as EvidenceKey[];

interface Question {
  set: string;
  answerable: boolean;
  candidates: { evidence: Evidence; gold: boolean }[];
}

async function main(): Promise<number> {
  const dir = path.resolve(process.env.EVAL_DIR ?? "../shared/eval");
  const fitSets = findSets(dir, foldersFromEnv().corpusDir).filter((set) => set.fitFile !== null);
  if (process.argv.includes("--held-out")) {
    // Every set that may be fitted on, SQuAD's train.json among them.
    console.log(heldOutReport(await questionsOf(fitSets)));
    return 0;
  }
  // The project's own sets (the seeds, unseen/): an external set's train.json is not in this fit yet.
  const questions = await questionsOf(fitSets.filter((set) => set.fitFile === set.qaFile));
  // The decision's regularisation, by cross-validation: the one whose fits score best on the
  // questions they were not fitted on. That held-out score is also the honest estimate of how the
  // decision does on questions nobody tuned it on.
  const byStrength = L2_CHOICES.map((l2) => ({ l2, heldOut: crossValidated(questions, l2) }));
  // Of near ties, the strongest penalty: the simpler fit.
  const chosen = [...byStrength].reverse().reduce((a, b) => (b.heldOut > a.heldOut + TIE ? b : a));
  const fit = fitAll(questions, chosen.l2);
  if (process.argv.includes("--curve"))
    for (const c of fit.curve) console.log(`threshold ${c.threshold.toFixed(2)}: balanced accuracy ${c.balance.toFixed(3)}`);
  const round = (x: number) => Math.round(x * 100) / 100;
  const fitted = {
    ranking: Object.fromEntries(KEYS.map((k) => [k, round(fit.ranking[k])])) as Record<EvidenceKey, number>,
    answerability: {
      bias: round(fit.model.bias),
      leadWeight: round(fit.model.leadWeight),
      maxLead: ANSWERABILITY.maxLead,
      weights: Object.fromEntries(DECISION_KEYS.map((k) => [k, round(fit.model.weights[k]!)])),
      threshold: fit.threshold,
    },
  };
  if (process.argv.includes("--write")) {
    await writeFile(TUNING_FILE, withFit(await readFile(TUNING_FILE, "utf8"), fitted));
    console.log(`wrote the fit to ${path.relative(process.cwd(), TUNING_FILE)}`);
  } else {
    console.log(`RANKING = ${JSON.stringify(fitted.ranking, null, 2)}\nANSWERABILITY = ${JSON.stringify(fitted.answerability, null, 2)}`);
  }
  for (const { l2, heldOut } of byStrength)
    console.log(`decision L2 ${l2}: balanced accuracy on held-out questions ${heldOut.toFixed(3)}${l2 === chosen.l2 ? " (chosen)" : ""}`);
  const answerable = questions.filter((q) => q.answerable);
  const goldFirst = answerable.filter((q) => topOf(q, fit.ranking)?.gold).length / Math.max(1, answerable.length);
  console.log(
    `over ${questions.length} questions: gold ranked first ${goldFirst.toFixed(3)}, balanced accuracy of the decision ${fit.balance.toFixed(3)} (on the questions fitted)`,
  );
  return 0;
}

/** Each set's fitting questions, with their closely judged candidates and which are gold. */
async function questionsOf(sets: EvalSet[]): Promise<Question[]> {
  const questions: Question[] = [];
  for (const set of sets) {
    const { articles } = await loadCorpus(set.corpusDir);
    const library = buildLibrary(articles);
    for (const item of (await readSet(set.fitFile!, QaSetSchema)).items) {
      const q = analyzeQuestion(item.question, library.index, library.vectors);
      const judged = judgeQuestion(library, q).ranked.filter((j) => Number.isFinite(j.score));
      questions.push({
        set: set.name,
        answerable: item.gold.length > 0,
        candidates: judged.map((j) => ({ evidence: j.evidence, gold: isGold(library.passages.at(j.hit.doc)!.text, item.gold) })),
      });
    }
  }
  return questions;
}

/** Recall@1, recall@3 and MRR of a ranking over the answerable questions (a gold never judged is a miss). */
function rankingFigures(questions: Question[], ranking: Record<EvidenceKey, number>): { r1: number; r3: number; mrr: number } {
  const answerable = questions.filter((q) => q.answerable);
  let r1 = 0;
  let r3 = 0;
  let mrr = 0;
  for (const q of answerable) {
    const order = q.candidates.map((c) => ({ c, score: rankScore(c.evidence, ranking) })).sort((a, b) => b.score - a.score);
    const rank = order.findIndex((o) => o.c.gold);
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 3) r3++;
    if (rank >= 0) mrr += 1 / (rank + 1);
  }
  const n = Math.max(1, answerable.length);
  return { r1: r1 / n, r3: r3 / n, mrr: mrr / n };
}

/**
 * `--held-out`: the ranking's figures on each set three ways: with today's weights (tuning.ts), fitted
 * on every set, and fitted on every set but that one: the last is what predicts a new community's
 * articles.
 */
function heldOutReport(questions: Question[]): string {
  const fittable = (qs: Question[]) => qs.filter((q) => q.answerable && q.candidates.some((c) => c.gold));
  const sets = [...new Set(questions.map((q) => q.set))];
  const onAll = fitRanking(fittable(questions));
  const f = (x: { r1: number; r3: number; mrr: number }) => `${x.r1.toFixed(3)} / ${x.r3.toFixed(3)} / ${x.mrr.toFixed(3)}`;
  const lines = ["ranking, recall@1 / recall@3 / MRR over each set's answerable questions (candidates as judged):"];
  for (const set of sets) {
    const own = questions.filter((q) => q.set === set);
    const heldOut = fitRanking(fittable(questions.filter((q) => q.set !== set)));
    lines.push(
      `  ${set} (${own.filter((q) => q.answerable).length} answerable)`,
      `    today's weights      ${f(rankingFigures(own, RANKING))}`,
      `    fitted on every set  ${f(rankingFigures(own, onAll))}`,
      `    fitted without it    ${f(rankingFigures(own, heldOut))}`,
    );
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  lines.push(`fitted on every set: ${JSON.stringify(Object.fromEntries(KEYS.map((k) => [k, round(onAll[k])])))}`);
  return lines.join("\n");
}

/** Strengths of the decision's L2 penalty tried. */
const L2_CHOICES = [0.001, 0.003, 0.01, 0.03, 0.1];
/** Folds of the cross-validation: every FOLDS-th question held out in turn. */
const FOLDS = 5;

interface Fit {
  ranking: Record<EvidenceKey, number>;
  model: AnswerModel;
  threshold: number;
  /** Balanced accuracy on the questions fitted, at the chosen threshold. */
  balance: number;
  curve: { threshold: number; balance: number }[];
}

/** The best candidate by a ranking, and its lead over the next. */
function topOf(q: Question, ranking: Record<EvidenceKey, number>): { evidence: Evidence; gold: boolean; lead: number } | null {
  const scored = q.candidates.map((c) => ({ c, score: rankScore(c.evidence, ranking) })).sort((a, b) => b.score - a.score);
  const [first, second] = scored;
  return first ? { ...first.c, lead: leadOf(first.score, second?.score) } : null;
}

/** Each question's best candidate under a fit and its probability of answering: worked out once, then read at every threshold. */
function judged(questions: Question[], fit: Pick<Fit, "ranking" | "model">) {
  return questions.map((q) => {
    const top = topOf(q, fit.ranking);
    return { set: q.set, answerable: q.answerable, top, probability: top ? answerProbability(top.evidence, top.lead, fit.model) : 0 };
  });
}

/** Answer or not, for each judged question, at a threshold. */
function decisionsAt(judgedQuestions: ReturnType<typeof judged>, threshold: number) {
  return judgedQuestions.map(({ set, answerable, top, probability }) => ({
    set,
    answerable,
    answered: top !== null && answers(probability, top.evidence, threshold),
  }));
}

/** Ranking, decision and threshold fitted on the questions, as described at the top. */
function fitAll(questions: Question[], l2: number): Fit {
  const ranking = fitRanking(questions.filter((q) => q.answerable && q.candidates.some((c) => c.gold)));
  const examples = questions.flatMap((q) => {
    const top = topOf(q, ranking);
    return top ? [{ x: [...DECISION_KEYS.map((k) => top.evidence[k]), top.lead], y: q.answerable ? 1 : 0 }] : [];
  });
  const { bias, weights } = logistic(examples, [...DECISION_KEYS.map(signOf), 1], l2);
  const model = {
    bias,
    leadWeight: weights[DECISION_KEYS.length]!,
    weights: Object.fromEntries(DECISION_KEYS.map((k, i) => [k, weights[i]!])),
  };
  const scored = judged(questions, { ranking, model });
  const curve: { threshold: number; balance: number }[] = [];
  for (let th = 5; th <= 95; th++) curve.push({ threshold: th / 100, balance: balanceAt(decisionsAt(scored, th / 100)) });
  // The threshold with the best balance; of those within TIE of it, the highest: when answering
  // more costs as much as it gains, abstaining is the safer (a confident answer the articles do
  // not give does more harm than a right one shown as related).
  const top = Math.max(...curve.map((c) => c.balance));
  const best = curve.filter((c) => c.balance >= top - TIE).at(-1)!;
  return { ranking, model, threshold: best.threshold, balance: best.balance, curve };
}

/** Balanced accuracy of fits on FOLDS - 1 folds, each scored on the fold it did not see. */
function crossValidated(questions: Question[], l2: number): number {
  const held: ReturnType<typeof decisionsAt> = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const fit = fitAll(
      questions.filter((_, i) => i % FOLDS !== fold),
      l2,
    );
    held.push(
      ...decisionsAt(
        judged(
          questions.filter((_, i) => i % FOLDS === fold),
          fit,
        ),
        fit.threshold,
      ),
    );
  }
  return balanceAt(held);
}

const TUNING_FILE = fileURLToPath(new URL("../../tuning.ts", import.meta.url));

/** tuning.ts with its RANKING and ANSWERABILITY values replaced by the fit's, the rest as it was. */
function withFit(source: string, fit: { ranking: Record<EvidenceKey, number>; answerability: typeof ANSWERABILITY }): string {
  const lines = (values: Partial<Record<string, number>>, indent: string) =>
    Object.entries(values)
      .map(([k, v]) => `${indent}${k}: ${v},`)
      .join("\n");
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

/**
 * The sign a weight of the decision must have: what the question requires and the passage lacks
 * (the "missing" evidence, names the articles never mention) can only count against an answer, the
 * rest only for it. With so few questions to fit, a free fit finds chance patterns, such as a
 * passage matching every word being less likely to answer.
 */
function signOf(key: EvidenceKey): 1 | -1 {
  return key.endsWith("Missing") || key === "unknownNames" ? -1 : 1;
}

/** Logistic regression by gradient descent, L2-regularised, each weight kept to its sign (1 or -1). */
function logistic(examples: { x: number[]; y: number }[], signs: readonly (1 | -1)[], l2: number): { bias: number; weights: number[] } {
  const n = signs.length;
  const weights = new Array<number>(n).fill(0);
  let bias = 0;
  const rate = 0.5;
  for (let round = 0; round < 20000; round++) {
    const grad = new Array<number>(n).fill(0);
    let gradBias = 0;
    for (const { x, y } of examples) {
      const p = 1 / (1 + Math.exp(-(bias + x.reduce((z, xi, i) => z + weights[i]! * xi, 0))));
      for (let i = 0; i < n; i++) grad[i]! += (p - y) * x[i]!;
      gradBias += p - y;
    }
    for (let i = 0; i < n; i++) {
      weights[i]! -= rate * (grad[i]! / examples.length + l2 * weights[i]!);
      if (weights[i]! * signs[i]! < 0) weights[i] = 0;
    }
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
