import type { Answer, QuotedPassage } from "../../answer/types.js";
import type { AttributionSet, QaSet } from "./sets.js";

export interface QaFigures {
  recallAt1: number;
  recallAt3: number;
  recallAt5: number;
  mrr: number;
  /** Over unanswerable questions: the share answered "not in the articles". */
  abstention: number;
  /** Over answerable questions: the share answered "not in the articles". */
  falseAbstention: number;
}

export interface QaScores extends QaFigures {
  answerable: number;
  unanswerable: number;
  /** The same figures for each kind of question (recall and MRR over its answerable ones). */
  byKind: Record<string, QaFigures & { questions: number }>;
  /** Questions scored wrong, for reading. */
  misses: { id: string; kind: string; question: string; rank: number; answered: boolean }[];
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
});

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
      if (said) misses.push({ id: item.id, kind: item.kind, question: item.question, rank: -1, answered: true });
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
    if (rank !== 0 || !said) misses.push({ id: item.id, kind: item.kind, question: item.question, rank, answered: said });
  }
  const byKind = Object.fromEntries([...kinds].map(([kind, t]) => [kind, { questions: t.answerable + t.unanswerable, ...figuresOf(t) }]));
  return { answerable: all.answerable, unanswerable: all.unanswerable, ...figuresOf(all), byKind, misses };
}

export interface AttributionScores {
  items: number;
  accuracy: number;
  byKind: Record<string, { items: number; accuracy: number }>;
  misses: { kind: string; text: string; expected: string | null; got: string | null }[];
}

export function scoreAttribution(set: AttributionSet, passages: readonly QuotedPassage[]): AttributionScores {
  const kinds = new Map<string, { items: number; correct: number }>();
  let correct = 0;
  const misses: AttributionScores["misses"] = [];
  for (const item of set.items) {
    const passage = passages.find((p) => p.article === item.article && p.text.includes(item.text));
    const got = passage?.speaker ?? null;
    const ok =
      item.speaker === null ? !got : !!got && [item.speaker, ...item.aliases].some((s) => s.toLowerCase() === got.trim().toLowerCase());
    const kind = kinds.get(item.kind) ?? kinds.set(item.kind, { items: 0, correct: 0 }).get(item.kind)!;
    kind.items++;
    if (ok) {
      correct++;
      kind.correct++;
    } else misses.push({ kind: item.kind, text: item.text, expected: item.speaker, got });
  }
  const byKind = Object.fromEntries([...kinds].map(([k, { items, correct: c }]) => [k, { items, accuracy: share(c, items) }]));
  return { items: set.items.length, accuracy: share(correct, set.items.length), byKind, misses };
}
