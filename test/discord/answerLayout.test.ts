import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Answer, RankedPassage } from "../../src/answer/types.js";
import { renderReplyDiscord } from "../../src/discord/render.js";
import type { ArticleCard } from "../../src/library/articleCard.js";
import { markInvisible } from "../../src/render/invisible.js";
import { containersOf, discordProblems } from "../support/discordMessages.js";

/** Text that tries every markdown construct and every length, with line breaks, any Unicode, and characters shown as marks. */
const hostile = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 300 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom("*", "_", "`", "~", "|", "> ", "# ", "-# ", "1. ", "\n", "\\", "@everyone", "<@1>", "</ask:1>", "[x](https://e.x)"),
        fc.constantFrom("The", "ferry", "said", " ", " ", ". ", '"', "…"),
        fc.constantFrom("\u202e", "\u200b", "\ufeff", "\u200d", "\u2066", "👩\u200d💻"),
      ),
      { minLength: 1, maxLength: 200 },
    )
    .map((parts) => parts.join("")),
  fc.integer({ min: 100, max: 6000 }).map((n) => `Witness said ${"the water kept rising ".repeat(Math.ceil(n / 21))}at dawn.`.slice(0, n)),
);
const nonBlank = hostile.filter((t) => t.trim() !== "");

const contextArb = fc.array(
  nonBlank.map((text) => ({ text })),
  { maxLength: 3 },
);
const passageArb = fc.record({
  text: nonBlank,
  id: fc.string({ minLength: 1, maxLength: 120 }),
  speaker: fc.option(hostile, { nil: null }),
  speakerDescription: fc.option(hostile, { nil: null }),
  direct: fc.boolean(),
  answering: fc.boolean(),
  before: contextArb,
  after: contextArb,
  paragraph: fc.nat(999),
  sentence: fc.nat(99),
});
type Drawn = typeof passageArb extends fc.Arbitrary<infer T> ? T : never;

const articleArb = fc.record({
  title: fc.string({ unit: "grapheme", minLength: 1, maxLength: 400 }),
  titleIsWorking: fc.boolean(),
  publisher: fc.option(hostile, { nil: null }),
  url: fc.option(
    fc.string({ maxLength: 700 }).map((path) => `https://example.org/${encodeURIComponent(path)}`),
    { nil: null },
  ),
  wireService: fc.option(fc.string({ maxLength: 60 }), { nil: null }),
  fromServer: fc.boolean(),
});

function answerOf(
  question: string,
  answered: boolean,
  card: {
    title: string;
    titleIsWorking: boolean;
    publisher: string | null;
    url: string | null;
    wireService: string | null;
    fromServer: boolean;
  },
  drawn: Drawn[],
): Answer {
  const article: ArticleCard = {
    id: "a1",
    passageCount: drawn.length,
    published: "2020-01-02",
    originalOutlet: null,
    textHash: "x",
    ...card,
    fromServer: card.fromServer ? true : undefined,
  };
  const passages: RankedPassage[] = drawn.map((d, i) => {
    const base = { article: "a1", start: 0, paragraph: d.paragraph, sentence: d.sentence, position: i };
    const around = (list: { text: string }[]) =>
      list.map((c, j) => ({
        ...base,
        id: `c${i}.${j}`,
        text: c.text,
        end: c.text.length,
        speaker: null,
        speakerDescription: null,
        speechKind: "none" as const,
        speakerVia: null,
        speakerProbable: false,
      }));
    return {
      ...base,
      id: `${d.id}${i}`,
      text: d.text,
      end: d.text.length,
      speaker: d.speaker,
      speakerDescription: d.speakerDescription,
      speechKind: d.direct ? "direct" : "indirect",
      speakerVia: "named",
      speakerProbable: false,
      score: 1,
      relevance: d.answering ? "answer" : "related",
      context: { before: around(d.before), after: around(d.after) },
      matchedTerms: [],
    } as RankedPassage;
  });
  return { question, answered, reason: null, passages, articles: { a1: article } };
}

/** The quote a container shows, markdown escapes taken out: its `> ` lines. */
function quoteOf(container: any): string {
  const lines: string[] = container.components[0].content.split("\n");
  return lines
    .filter((l) => l.startsWith("> "))
    .map((l) => l.slice(2))
    .join("\n")
    .replace(/\\(.)/g, "$1");
}

describe("answers laid out with components v2", () => {
  it("every answer, whatever its passages, question and articles, is a message Discord takes; every quote is its passage's words, whole or cut with an ellipsis; what is left out is counted", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 3000 }),
        fc.boolean(),
        articleArb,
        fc.array(passageArb, { maxLength: 25 }),
        fc.boolean(),
        fc.option(fc.option(fc.nat(4000), { nil: null }), { nil: undefined }),
        (question, answered, card, drawn, ephemeral, cutAt) => {
          const answer = answerOf(question, answered, card, drawn);
          const message = renderReplyDiscord({
            kind: "answer",
            answer,
            ephemeral,
            ...(cutAt === undefined ? {} : { claim: { cutAt } }),
          });
          expect(discordProblems(message)).toEqual([]);
          expect(message.allowedMentions).toEqual({ parse: [] });
          const shown = containersOf(message);
          shown.forEach((container, i) => {
            const text = markInvisible(answer.passages[i]!.text);
            const quote = quoteOf(container);
            if (quote !== text) {
              expect(quote.endsWith("…")).toBe(true);
              expect(text.startsWith(quote.slice(0, -1))).toBe(true);
            }
          });
          const left = answer.passages.length - shown.length;
          const note = JSON.stringify(message).match(/(\d+) more passages? did not fit/);
          expect(left === 0 ? null : Number(note?.[1])).toBe(left === 0 ? null : left);
          // Marks shown are told of once; the article's own characters are never shown raw.
          const all = JSON.stringify(message);
          expect(all.match(/Text from the articles holds invisible/g)?.length ?? 0).toBeLessThanOrEqual(1);
          expect(all).not.toMatch(/[\u202e\u200b\ufeff\u2066]/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("GIVEN the five passages Discord gets, of up to 280 characters, THEN all five are shown, whatever the article's metadata", () => {
    // Metadata all of characters shown as marks, eight times as long, is the hardest to fit.
    const text = (maxLength: number) =>
      fc.oneof(
        fc.string({ unit: "grapheme", minLength: 1, maxLength }),
        fc.string({ unit: fc.constantFrom("\u202e", "\u200b", "a"), minLength: 1, maxLength }),
      );
    const metadata = fc.record({
      title: text(300),
      titleIsWorking: fc.boolean(),
      publisher: text(200),
      url: fc.constant("https://example.org/news/2020/01/02/the-water-kept-rising"),
      wireService: fc.constantFrom(null, "Reuters", "Agence France-Presse"),
      fromServer: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 20, max: 280 }), { minLength: 5, maxLength: 5 }), metadata, (lengths, card) => {
        const drawn = lengths.map((n, i) => ({
          text: `Witness ${i} said ${"the water kept rising ".repeat(30)}`.slice(0, n),
          id: `p${i}`,
          speaker: "Ana Ruiz",
          speakerDescription: "Ana Ruiz, a nurse at the port",
          direct: true,
          answering: true,
          before: [],
          after: [],
          paragraph: i,
          sentence: 1,
        }));
        const message = renderReplyDiscord({ kind: "answer", answer: answerOf("When did it rise?", true, card, drawn), ephemeral: true });
        expect(containersOf(message)).toHaveLength(5);
      }),
      { numRuns: 100 },
    );
  });
});
