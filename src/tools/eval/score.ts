import type { Answer, QuotedPassage } from "../../answer/types.js";
import type { AttributionSet, Candidates, QaSet } from "./sets.js";

export interface QaFigures {
  recallAt1: number;
  recallAt3: number;
  recallAt5: number;
  mrr: number;
  /** Over unanswerable questions: the share answered "not in the articles". */
  abstention: number;
  /** Over answerable questions: the share answered "not in the articles". */
  falseAbstention: number;
  /** Of the answer decision: (abstention + 1 − false abstention) / 2; 0.5 is a coin. */
  balanced: number;
}

/** Why a question was scored wrong. */
export type MissClass = "answered, unanswerable" | "abstained, answerable" | "found, not first" | "not in the top 5";

export interface QaScores extends QaFigures {
  answerable: number;
  unanswerable: number;
  /** The same figures for each kind of question (recall and MRR over its answerable ones). */
  byKind: Record<string, QaFigures & { questions: number }>;
  /** Questions scored wrong, for reading. */
  misses: { id: string; kind: string; question: string; rank: number; answered: boolean; class: MissClass }[];
}

interface Tally {
  answerable: number;
  unanswerable: number;
  r1: number;
  r3: number;
  r5: number;
  rr: number;
  abstained: number;
  falselyAbstained: number;
}

const newTally = (): Tally => ({ answerable: 0, unanswerable: 0, r1: 0, r3: 0, r5: 0, rr: 0, abstained: 0, falselyAbstained: 0 });
const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
const figuresOf = (t: Tally): QaFigures => ({
  recallAt1: share(t.r1, t.answerable),
  recallAt3: share(t.r3, t.answerable),
  recallAt5: share(t.r5, t.answerable),
  mrr: share(t.rr, t.answerable),
  abstention: share(t.abstained, t.unanswerable),
  falseAbstention: share(t.falselyAbstained, t.answerable),
  balanced: (share(t.abstained, t.unanswerable) + 1 - share(t.falselyAbstained, t.answerable)) / 2,
});

/** A wrong answer's class: the decision's errors first, then the ranking's. */
function missClass(answerable: boolean, answered: boolean, rank: number): MissClass {
  if (!answerable) return "answered, unanswerable";
  if (!answered) return "abstained, answerable";
  return rank > 0 && rank < 5 ? "found, not first" : "not in the top 5";
}

/** The scoring rules of shared/eval/README.md: containment is a plain, case-sensitive substring test. */
/** Whether a passage is one of a question's gold passages: it contains a gold text, as the sets' README scores. */
export function isGold(text: string, gold: readonly { text: string }[]): boolean {
  return gold.some((g) => text.includes(g.text));
}

export function scoreQa(set: QaSet, answerOf: (question: string) => Answer): QaScores {
  const all = newTally();
  const kinds = new Map<string, Tally>();
  const misses: QaScores["misses"] = [];
  for (const item of set.items) {
    const answer = answerOf(item.question);
    const said = answer.answered && answer.passages.length > 0;
    const tallies = [all, kinds.get(item.kind) ?? kinds.set(item.kind, newTally()).get(item.kind)!];
    if (item.gold.length === 0) {
      for (const t of tallies) {
        t.unanswerable++;
        if (!said) t.abstained++;
      }
      if (said)
        misses.push({ id: item.id, kind: item.kind, question: item.question, rank: -1, answered: true, class: missClass(false, true, -1) });
      continue;
    }
    const rank = answer.passages.findIndex((p) => isGold(p.text, item.gold));
    for (const t of tallies) {
      t.answerable++;
      if (rank === 0) t.r1++;
      if (rank >= 0 && rank < 3) t.r3++;
      if (rank >= 0 && rank < 5) t.r5++;
      if (rank >= 0) t.rr += 1 / (rank + 1);
      if (!said) t.falselyAbstained++;
    }
    if (rank !== 0 || !said)
      misses.push({ id: item.id, kind: item.kind, question: item.question, rank, answered: said, class: missClass(true, said, rank) });
  }
  const byKind = Object.fromEntries([...kinds].map(([kind, t]) => [kind, { questions: t.answerable + t.unanswerable, ...figuresOf(t) }]));
  return { answerable: all.answerable, unanswerable: all.unanswerable, ...figuresOf(all), byKind, misses };
}

export interface AttributionScores {
  items: number;
  accuracy: number;
  byKind: Record<string, { items: number; accuracy: number }>;
  /** Of the items given a speaker, how often it is right when named and when only probable (replies say "probably"). */
  byConfidence: Record<"named" | "probable", { items: number; accuracy: number }>;
  misses: { kind: string; text: string; expected: string | null; got: string | null }[];
}

/** How a speaker was scored wrong: none named where the set has one, one named where it has none, or somebody else. */
export type SpeakerMissClass = "no speaker, one expected" | "a speaker, none expected" | "another speaker";

export function speakerMissClass(miss: { expected: string | null; got: string | null }): SpeakerMissClass {
  return miss.got === null ? "no speaker, one expected" : miss.expected === null ? "a speaker, none expected" : "another speaker";
}

export function scoreAttribution(set: AttributionSet, passages: readonly QuotedPassage[]): AttributionScores {
  const kinds = new Map<string, { items: number; correct: number }>();
  const confidence = { named: { items: 0, correct: 0 }, probable: { items: 0, correct: 0 } };
  let correct = 0;
  const misses: AttributionScores["misses"] = [];
  for (const item of set.items) {
    const passage = passages.find((p) => p.article === item.article && p.text.includes(item.text));
    const got = passage?.speaker ?? null;
    const ok =
      item.speaker === null ? !got : !!got && [item.speaker, ...item.aliases].some((s) => s.toLowerCase() === got.trim().toLowerCase());
    const kind = kinds.get(item.kind) ?? kinds.set(item.kind, { items: 0, correct: 0 }).get(item.kind)!;
    kind.items++;
    if (passage?.speaker) {
      const sure = confidence[passage.speakerProbable ? "probable" : "named"];
      sure.items++;
      if (ok) sure.correct++;
    }
    if (ok) {
      correct++;
      kind.correct++;
    } else misses.push({ kind: item.kind, text: item.text, expected: item.speaker, got });
  }
  const byKind = Object.fromEntries([...kinds].map(([k, { items, correct: c }]) => [k, { items, accuracy: share(c, items) }]));
  const byConfidence = {
    named: { items: confidence.named.items, accuracy: share(confidence.named.correct, confidence.named.items) },
    probable: { items: confidence.probable.items, accuracy: share(confidence.probable.correct, confidence.probable.items) },
  };
  return { items: set.items.length, accuracy: share(correct, set.items.length), byKind, byConfidence, misses };
}

export interface CandidateScores {
  /** Questions with a right sentence among their candidates: those MAP and MRR are over. */
  questions: number;
  map: number;
  mrr: number;
  /** The same, each paragraph's sentences read in order: the baseline a ranker must beat. */
  inOrder: { map: number; mrr: number };
  /** Answer triggering: it triggers when it answers; a trigger is right when its first passage is a right sentence. */
  triggering: { triggered: number; right: number; precision: number; recall: number; f1: number };
}

type Candidate = Candidates[string]["sentences"][number];

/** Of a question's candidates, the one a passage is (the most characters in common), if any. */
function candidateOf(p: { article: string; start: number; end: number }, candidates: readonly Candidate[]): Candidate | null {
  let best: Candidate | null = null;
  let most = 0;
  for (const c of candidates) {
    const common = c.article === p.article ? Math.min(p.end, c.end) - Math.max(p.start, c.start) : 0;
    if (common > most) [best, most] = [c, common];
  }
  return best;
}

/** Average precision and reciprocal rank of an order of labelled candidates. */
function precisionOf(order: readonly Candidate[]): { ap: number; rr: number } {
  let right = 0;
  let sum = 0;
  let rr = 0;
  order.forEach((c, i) => {
    if (c.label !== 1) return;
    right++;
    sum += right / (i + 1);
    if (rr === 0) rr = 1 / (i + 1);
  });
  return { ap: right === 0 ? 0 : sum / right, rr };
}

/** A small seeded generator: the "random order" of unranked candidates is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffled orders averaged over, so that the unranked candidates' random order does not sway the figure. */
const SHUFFLES = 20;

/**
 * WikiQA's protocol (external README): each question's candidates ranked by where the engine's
 * passages put them, those no passage reaches after them in random order (averaged over
 * SHUFFLES seeded orders); MAP and MRR over questions with a right candidate; answer triggering.
 */
export function scoreCandidates(set: QaSet, candidates: Candidates, answerOf: (question: string) => Answer): CandidateScores {
  let questions = 0;
  let ap = 0;
  let rr = 0;
  let readAp = 0;
  let readRr = 0;
  let triggered = 0;
  let right = 0;
  set.items.forEach((item, n) => {
    const own = candidates[item.id]?.sentences ?? [];
    const answer = answerOf(item.question);
    const said = answer.answered && answer.passages.length > 0;
    const top = answer.passages[0] ? candidateOf(answer.passages[0], own) : null;
    if (said) {
      triggered++;
      if (top?.label === 1) right++;
    }
    if (!own.some((c) => c.label === 1)) return;
    questions++;
    const ranked: Candidate[] = [];
    for (const p of answer.passages) {
      const c = candidateOf(p, own);
      if (c && !ranked.includes(c)) ranked.push(c);
    }
    const rest = own.filter((c) => !ranked.includes(c));
    const random = seeded(n + 1);
    let questionAp = 0;
    let questionRr = 0;
    for (let s = 0; s < SHUFFLES; s++) {
      const shuffled = [...rest];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      const got = precisionOf([...ranked, ...shuffled]);
      questionAp += got.ap;
      questionRr += got.rr;
    }
    ap += questionAp / SHUFFLES;
    rr += questionRr / SHUFFLES;
    const read = precisionOf([...own].sort((a, b) => a.start - b.start));
    readAp += read.ap;
    readRr += read.rr;
  });
  const precision = share(right, triggered);
  const recall = share(right, questions);
  return {
    questions,
    map: share(ap, questions),
    mrr: share(rr, questions),
    inOrder: { map: share(readAp, questions), mrr: share(readRr, questions) },
    triggering: { triggered, right, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) },
  };
}
