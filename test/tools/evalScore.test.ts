import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { scoreCandidates, scoreQa } from "../../src/tools/eval/score.js";
import { score } from "../../src/tools/eval/scoreSet.js";
import { findSets, type QaSet } from "../../src/tools/eval/sets.js";

/** An answer quoting these spans of article "p" (text made up for the test), answered or not. */
function answerOf(spans: [number, number][], answered = true): Answer {
  const passages = spans.map(([start, end], i) => ({ id: `p#${i}`, article: "p", text: `span ${start}-${end}`, start, end }));
  return { question: "q", answered, reason: answered ? null : "no", passages, articles: {} } as unknown as Answer;
}

const sentence = (start: number, end: number, label: 0 | 1) => ({ article: "p", start, end, label });
/** A paragraph of four sentences; the third is the right one. */
const FOUR = [sentence(0, 10, 0), sentence(11, 20, 0), sentence(21, 30, 1), sentence(31, 40, 0)];
const questions = (...ids: string[]): QaSet => ({
  version: 1,
  items: ids.map((id) => ({ id, question: id, kind: "factoid", gold: [] })),
});

describe("WikiQA's protocol", () => {
  it("GIVEN the right sentence ranked first THEN average precision 1, and a right trigger", () => {
    const got = scoreCandidates(questions("a"), { a: { sentences: FOUR } }, () => answerOf([[21, 30]]));
    expect(got.map).toBe(1);
    expect(got.mrr).toBe(1);
    expect(got.triggering).toMatchObject({ triggered: 1, right: 1, precision: 1, recall: 1, f1: 1 });
    // Read in order, the right sentence is third.
    expect(got.inOrder.map).toBeCloseTo(1 / 3);
  });

  it("GIVEN a wrong sentence first and the right one second THEN 1/2; a passage is the candidate it overlaps most", () => {
    // The first passage spans most of sentence 2 and a little of 3: it is sentence 2.
    const got = scoreCandidates(questions("a"), { a: { sentences: FOUR } }, () =>
      answerOf([
        [12, 23],
        [21, 30],
      ]),
    );
    expect(got.map).toBe(0.5);
    expect(got.triggering).toMatchObject({ triggered: 1, right: 0, precision: 0, recall: 0 });
  });

  it("GIVEN the right sentence unranked THEN it takes its chance among the rest, the same on every run", () => {
    const score = () => scoreCandidates(questions("a"), { a: { sentences: FOUR } }, () => answerOf([[0, 10]]));
    const got = score();
    // After the one ranked, three left in random order: its expected reciprocal rank is (1/2 + 1/3 + 1/4) / 3.
    expect(got.map).toBeGreaterThan(0.25);
    expect(got.map).toBeLessThan(0.5);
    expect(score().map).toBe(got.map);
  });

  it("GIVEN questions without a right sentence THEN they count for triggering only: abstaining there is right", () => {
    const none = { sentences: FOUR.map((s) => ({ ...s, label: 0 as const })) };
    const got = scoreCandidates(questions("a", "b", "c"), { a: { sentences: FOUR }, b: none, c: none }, (q) =>
      q === "a" ? answerOf([[21, 30]]) : q === "b" ? answerOf([[0, 10]]) : answerOf([[0, 10]], false),
    );
    expect(got.questions).toBe(1);
    // Two triggered (a right, b wrong); one question with a right sentence, found.
    expect(got.triggering).toMatchObject({ triggered: 2, right: 1, precision: 0.5, recall: 1 });
    expect(got.triggering.f1).toBeCloseTo(2 / 3);
  });
});

describe("the answer decision's figures", () => {
  it("GIVEN one question of each outcome THEN balanced accuracy and each miss's class", () => {
    const gold = [{ article: "p", text: "right" }];
    const set: QaSet = {
      version: 1,
      items: [
        { id: "1", question: "found first", kind: "factoid", gold },
        { id: "2", question: "found second", kind: "factoid", gold },
        { id: "3", question: "abstained", kind: "factoid", gold },
        { id: "4", question: "not found", kind: "factoid", gold },
        { id: "5", question: "answered wrongly", kind: "unanswerable", gold: [] },
        { id: "6", question: "abstained rightly", kind: "unanswerable", gold: [] },
      ],
    };
    const passage = (text: string) => ({ article: "p", text, start: 0, end: text.length });
    const answers: Record<string, [boolean, string[]]> = {
      "found first": [true, ["the right one"]],
      "found second": [true, ["other", "the right one"]],
      abstained: [false, ["the right one"]],
      "not found": [true, ["other"]],
      "answered wrongly": [true, ["other"]],
      "abstained rightly": [false, ["other"]],
    };
    const got = scoreQa(set, (q) => {
      const [answered, texts] = answers[q]!;
      return { question: q, answered, reason: null, passages: texts.map(passage), articles: {} } as unknown as Answer;
    });
    expect(got.abstention).toBe(0.5);
    expect(got.falseAbstention).toBe(0.25);
    expect(got.balanced).toBe((0.5 + 0.75) / 2);
    expect(Object.fromEntries(got.misses.map((m) => [m.id, m.class]))).toEqual({
      "2": "found, not first",
      "3": "abstained, answerable",
      "4": "not in the top 5",
      "5": "answered, unanswerable",
    });
  });
});

describe("the public sets", () => {
  it("GIVEN the seeds, unseen/ and external benchmarks THEN each folder is a set, and an external one is fitted only through its train.json", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "citebot-eval-"));
    const file = async (relative: string) => {
      await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
      await writeFile(path.join(dir, relative), "{}");
    };
    for (const f of [
      "dev_qa.json",
      "dev_attribution.json",
      "unseen/qa.json",
      "unseen/corpus/a.txt",
      "external/squad/qa.json",
      "external/squad/train.json",
      "external/squad/corpus/b.txt",
      "external/wikiqa-dev/qa.json",
      "external/wikiqa-dev/candidates.json",
      "external/wikiqa-dev/corpus/c.txt",
      "external/polnear/attribution.json",
      "external/polnear/corpus/d.txt",
    ])
      await file(f);
    const sets = findSets(dir, "/default-corpus");
    const name = path.basename(dir);
    const at = (relative: string) => path.join(dir, relative);
    expect(sets.map((s) => [s.name, s.fitFile, s.corpusDir])).toEqual([
      [name, at("dev_qa.json"), "/default-corpus"],
      [`${name}/external/polnear`, null, at("external/polnear/corpus")],
      [`${name}/external/squad`, at("external/squad/train.json"), at("external/squad/corpus")],
      [`${name}/external/wikiqa-dev`, null, at("external/wikiqa-dev/corpus")],
      [`${name}/unseen`, at("unseen/qa.json"), at("unseen/corpus")],
    ]);
    expect(sets.find((s) => s.name.endsWith("wikiqa-dev"))!.candidatesFile).toBe(at("external/wikiqa-dev/candidates.json"));
    expect(sets.find((s) => s.name.endsWith("polnear"))!.qaFile).toBeNull();
  });
});

describe("a set scored whole", () => {
  it("GIVEN a WikiQA-style set on a corpus of its own THEN its questions, candidates and speakers are each scored", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "citebot-eval-"));
    await mkdir(path.join(dir, "corpus"));
    // Made up for this test: a paragraph of three sentences.
    const text =
      "The harbour bridge opened in 1932 after eight years of work. " +
      "Its arch carries eight lanes of traffic and two railway lines. " +
      '"It was the longest span of its day," said Mara Quint, the city engineer.';
    await writeFile(path.join(dir, "corpus", "bridge.txt"), text);
    const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    const sentences = [
      "The harbour bridge opened in 1932 after eight years of work.",
      "Its arch carries eight lanes of traffic and two railway lines.",
      '"It was the longest span of its day," said Mara Quint, the city engineer.',
    ];
    const qa = {
      version: 1,
      items: [
        { id: "q1", question: "When did the harbour bridge open?", kind: "factoid", gold: [{ article: "bridge", text: sentences[0] }] },
        {
          id: "q2",
          question: "How many railway lines does the arch carry?",
          kind: "factoid",
          gold: [{ article: "bridge", text: sentences[1] }],
        },
      ],
    };
    const candidates = Object.fromEntries(
      ["q1", "q2"].map((id, q) => [id, { sentences: sentences.map((s, i) => ({ article: "bridge", ...at(s), label: i === q ? 1 : 0 })) }]),
    );
    const attribution = {
      version: 1,
      items: [{ article: "bridge", text: "the longest span of its day", speaker: "Mara Quint", aliases: [], kind: "direct" }],
    };
    await writeFile(path.join(dir, "qa.json"), JSON.stringify(qa));
    await writeFile(path.join(dir, "candidates.json"), JSON.stringify(candidates));
    await writeFile(path.join(dir, "attribution.json"), JSON.stringify(attribution));
    const [set] = findSets(dir, "/none");
    const got = await score(set!);
    expect(got.qa).toMatchObject({ answerable: 2, unanswerable: 0, recallAt1: 1 });
    expect(got.candidates).toMatchObject({ questions: 2, map: 1, mrr: 1 });
    expect(got.candidates!.inOrder.map).toBe((1 + 1 / 2) / 2);
    expect(got.attribution, JSON.stringify(got.attribution)).toMatchObject({ items: 1, accuracy: 1 });
  });
});
