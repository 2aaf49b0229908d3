import type { Answer, QuotedPassage } from "../answer/types.js";
import type { AttributionSet, QaSet } from "./sets.js";

export interface QaScores {
  answerable: number;
  unanswerable: number;
  recallAt1: number;
  recallAt3: number;
  recallAt5: number;
  mrr: number;
  abstention: number;
  falseAbstention: number;
  /** Questions scored wrong, for reading. */
  misses: { id: string; kind: string; question: string; rank: number; answered: boolean }[];
}

/** The scoring rules of shared/eval/README.md: containment is a plain, case-sensitive substring test. */
export function scoreQa(set: QaSet, answerOf: (question: string) => Answer): QaScores {
  let answerable = 0, unanswerable = 0, r1 = 0, r3 = 0, r5 = 0, rr = 0, abstained = 0, falselyAbstained = 0;
  const misses: QaScores["misses"] = [];
  for (const item of set.items) {
    const answer = answerOf(item.question);
    const said = answer.answered && answer.passages.length > 0;
    if (item.kind === "unanswerable") {
      unanswerable++;
      if (!said) abstained++;
      else misses.push({ id: item.id, kind: item.kind, question: item.question, rank: -1, answered: true });
      continue;
    }
    answerable++;
    const rank = answer.passages.findIndex((p) => item.gold.some((g) => p.text.includes(g.text)));
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 3) r3++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0) rr += 1 / (rank + 1);
    if (!said) falselyAbstained++;
    if (rank !== 0 || !said) misses.push({ id: item.id, kind: item.kind, question: item.question, rank, answered: said });
  }
  const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    answerable,
    unanswerable,
    recallAt1: share(r1, answerable),
    recallAt3: share(r3, answerable),
    recallAt5: share(r5, answerable),
    mrr: share(rr, answerable),
    abstention: share(abstained, unanswerable),
    falseAbstention: share(falselyAbstained, answerable),
    misses,
  };
}

export interface AttributionScores {
  items: number;
  accuracy: number;
  misses: { text: string; expected: string | null; got: string | null }[];
}

export function scoreAttribution(set: AttributionSet, passages: readonly QuotedPassage[]): AttributionScores {
  let correct = 0;
  const misses: AttributionScores["misses"] = [];
  for (const item of set.items) {
    const passage = passages.find((p) => p.article === item.article && p.text.includes(item.text));
    const got = passage?.speaker ?? null;
    const ok =
      item.speaker === null
        ? !got
        : !!got && [item.speaker, ...item.aliases].some((s) => s.toLowerCase() === got.trim().toLowerCase());
    if (ok) correct++;
    else misses.push({ text: item.text, expected: item.speaker, got });
  }
  return { items: set.items.length, accuracy: set.items.length === 0 ? 0 : correct / set.items.length, misses };
}
