import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commands } from "../commands/index.js";
import { Engine } from "../src/answer/engine.js";
import { Citebot } from "../src/app/citebot.js";
import { attributeSpeakers } from "../src/attribution/speakers.js";
import { dispatch } from "../src/commandKit/dispatch.js";
import { renderReplyDiscord } from "../src/discord/render.js";
import { passagesOf } from "../src/passages/split.js";
import { libraryOf } from "./support/corpus.js";
import { discordProblems, messageText } from "./support/discordMessages.js";

/** Text with the shapes news copy has: quotes, stops, abbreviations, brackets, line breaks, any Unicode. */
const newsish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        ". ",
        "? ",
        "! ",
        '"',
        "'",
        " ... ",
        "U.N.",
        "Mr.",
        "[",
        "]",
        ",",
        ":",
        "…",
        "“",
        "”",
        "Dec. 5",
      ),
      fc.constantFrom("The", "he", "said", "told", "Reuters", "Aleppo", "Shi'ite", "50,000", "al-Sham", "According", "to", "police"),
      fc.string({ unit: "grapheme", maxLength: 6 }),
    ),
    { maxLength: 120 },
  )
  .map((parts) => parts.join(""));

const engine = new Engine(libraryOf({ a: 'The ferry resumed on Friday, the port said.\n"We are back," Ana Ruiz said.' }), "now", "t");
const app = new Citebot(engine, { corpusDir: "/none", dataDir: "/none" });

describe("properties", () => {
  it("passages always lie verbatim in the article, in order, without overlap, with unique ids, covering every word", () => {
    fc.assert(
      fc.property(newsish, (text) => {
        const passages = passagesOf({ id: "p", text });
        let previousEnd = 0;
        for (const p of passages) {
          expect(text.slice(p.start, p.end)).toBe(p.text);
          expect(p.start).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = p.end;
        }
        expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
        // Everything outside the passages is white space or punctuation only.
        let rest = text;
        for (const p of [...passages].reverse()) rest = rest.slice(0, p.start) + rest.slice(p.end);
        expect(/[\p{L}\p{N}]/u.test(rest)).toBe(false);
        expect(attributeSpeakers(text, passages)).toHaveLength(passages.length);
      }),
      { numRuns: 300 },
    );
  });

  it("search never throws and answers any string with a well-formed answer", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: "grapheme", maxLength: 400 }), fc.string({ unit: "binary", maxLength: 400 }), newsish),
        (question) => {
          const answer = engine.ask(question);
          expect(typeof answer.answered).toBe("boolean");
          for (const p of answer.passages) expect(p.text.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("lookups of ids of any shape never throw", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (id) => void engine.source(id)),
      { numRuns: 300 },
    );
  });

  it("every rendered reply stays within Discord's limits, for questions and passages of any length", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "grapheme", maxLength: 3000 }),
        fc.array(newsish, { minLength: 1, maxLength: 12 }),
        async (question, texts) => {
          const library = libraryOf(
            Object.fromEntries(texts.map((t, i) => [`a${i}`, `${t} ${"word ".repeat(i * 200)}the ferry resumed.`])),
          );
          const big = new Citebot(new Engine(library, "now", "t"), { corpusDir: "/none", dataDir: "/none" });
          for (const [name, options] of [
            ["ask", { question: `${question} ferry resumed`.slice(0, 300) }],
            ["source", { id: "a0:1.1" }],
            ["source", { id: question.slice(0, 100) || "x" }],
          ] as const) {
            const reply = await dispatch(commands, name, options, {
              app: big,
              caller: { id: "1", guildId: "1", roleIds: [], canManageGuild: false },
            });
            const message = renderReplyDiscord(reply);
            expect(discordProblems(message)).toEqual([]);
            expect(message.allowedMentions).toEqual({ parse: [] });
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("questions of emoji, RTL text, zero-width and control characters, or 300 punctuation marks get a clear reply", async () => {
    const caller = { id: "7", guildId: "1", roleIds: [], canManageGuild: false };
    for (const question of [
      "🙂🙂🙂",
      "ما هو حلب؟",
      "fe\u200brry re\u200dsumed",
      "\u0000\u0007\u001b[31mferry",
      "!".repeat(300),
      "?".repeat(301),
      "  ",
      "\uFEFF\uFEFF\uFEFF",
    ]) {
      const reply = await dispatch(commands, "ask", { question }, { app, caller: { ...caller, id: `${caller.id}${question.length}` } });
      expect(["answer", "notice"]).toContain(reply.kind);
      const message = renderReplyDiscord(reply);
      expect(messageText(message)).not.toBe("");
      expect(discordProblems(message)).toEqual([]);
    }
  });
});
