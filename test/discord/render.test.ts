import { describe, expect, it } from "vitest";
import type { Answer, RankedPassage } from "../../src/answer/types.js";
import { notice } from "../../src/commandKit/reply.js";
import { MAX_FIELD_VALUE } from "../../src/discord/limits.js";
import { escapeMarkdown } from "../../src/discord/markdown.js";
import { type EmbedMessage, renderReplyDiscord, withLineAbove } from "../../src/discord/render.js";
import { shorten } from "../../src/render/parts.js";
import { parse, shown } from "../support/discordMarkdown.js";
import { buttonsOf, containersOf, discordProblems, messageText } from "../support/discordMessages.js";

const article = {
  id: "a1",
  title: "Ferry resumes",
  titleIsWorking: false,
  publisher: "Test Wire",
  url: "https://example.org/a1",
  published: "2020-01-02",
  wireService: "Reuters",
  originalOutlet: null,
  passageCount: 3,
  textHash: "x",
};

function passage(text: string, extra: Partial<RankedPassage> = {}): RankedPassage {
  return {
    id: "a1:1.1",
    article: "a1",
    text,
    start: 0,
    end: text.length,
    paragraph: 1,
    sentence: 1,
    position: 1,
    speaker: "Ana Ruiz",
    speakerDescription: "Ana Ruiz, a nurse",
    speechKind: "direct",
    speakerVia: "named",
    score: 1,
    relevance: "answer",
    context: { before: [], after: [] },
    matchedTerms: [],
    ...extra,
  };
}

function answer(passages: RankedPassage[], question = "When did the ferry resume?"): Answer {
  return { question, answered: true, reason: null, passages, articles: { a1: article } };
}

const IS_COMPONENTS_V2 = 1 << 15;
/** The text displays of each passage's container: [quote, article line]. */
const passageTexts = (message: unknown) =>
  containersOf(message).map((c) => c.components.filter((x: any) => x.type === 10).map((x: any) => x.content));

describe("renderReplyDiscord", () => {
  it("GIVEN an answer THEN a container a passage: its quote and speaker, its article line, its buttons; laid out in v2, pinging nobody", () => {
    const message = renderReplyDiscord({
      kind: "answer",
      answer: answer([passage('"We sailed at dawn," Ana Ruiz said.')]),
      ephemeral: false,
    });
    expect(message.allowedMentions).toEqual({ parse: [] });
    expect(message.flags).toBe(IS_COMPONENTS_V2);
    expect(discordProblems(message)).toEqual([]);
    expect(passageTexts(message)).toEqual([
      [
        '> "We sailed at dawn," Ana Ruiz said.\n— **Ana Ruiz** (quoted) · Ana Ruiz, a nurse',
        "**Ferry resumes**\n-# Test Wire (Reuters) · 2020-01-02 · paragraph 1, sentence 1 · id `a1:1.1`",
      ],
    ]);
    expect(buttonsOf(containersOf(message)[0]).map((b) => b.label)).toEqual(["More context", "Open at the quote"]);
    expect(buttonsOf(message).at(-1).label).toBe("Report a wrong speaker or quote");
  });

  it("GIVEN context sentences THEN they are drawn around the quote, as subtext", () => {
    const p = passage("It blamed the storm.", { context: { before: [passage("The port said ferries stopped.")], after: [] } });
    const [[quote]] = passageTexts(renderReplyDiscord({ kind: "answer", answer: answer([p]), ephemeral: false }));
    expect(quote.split("\n").slice(0, 2)).toEqual(["-# The port said ferries stopped.", "> It blamed the storm."]);
  });

  it("GIVEN an ephemeral reply THEN the Ephemeral flag is set; on a private answer, beside v2's, with Post in channel", () => {
    expect(renderReplyDiscord(notice("refusal", "No.")).flags).toBe(64);
    const message = renderReplyDiscord({ kind: "answer", answer: answer([passage("It blamed the storm.")]), ephemeral: true });
    expect(message.flags).toBe(IS_COMPONENTS_V2 | 64);
    expect(buttonsOf(containersOf(message)[0]).map((b) => b.label)).toContain("Post in channel");
  });

  it("GIVEN user text with mentions and markdown THEN it is escaped and cannot ping", () => {
    const question = "@everyone @here <@123456789012345678> **bold** [x](https://evil.example)";
    const message = renderReplyDiscord({ kind: "answer", answer: answer([], question), ephemeral: false });
    const [bold, ...rest] = parse(messageText(message).split("\n")[0]!);
    // Only our own "**Q:**" is markdown; the question shows as typed, forming nothing.
    expect(bold!.type).toBe("strong");
    expect(shown(rest)).toEqual({ text: ` ${question}`, constructs: [] });
  });

  it("GIVEN passages far too long for one message THEN every limit holds, the first is cut at a word, and the rest are counted", () => {
    const words = "the river rose past the markers ".repeat(400);
    const long = Array.from({ length: 12 }, (_, i) => passage(`Witness ${i} said ${words}at dawn.`, { id: `a1:${i}.1` }));
    const message = renderReplyDiscord({ kind: "answer", answer: answer(long, "q".repeat(5000)), ephemeral: false });
    expect(discordProblems(message)).toEqual([]);
    const quotes = passageTexts(message).map(([quote]) => quote);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatch(/^> Witness 0 said the river .*(?:river|rose|past|the|markers)…\n— \*\*Ana Ruiz\*\*/s);
    expect(messageText(message)).toMatch(/11 more passages did not fit/);
  });

  it("GIVEN five passages each with long context THEN all five are shown and the context goes first from the last", () => {
    const context = (i: number) => Array.from({ length: 2 }, (_, j) => passage(`Context ${i}.${j} ${"and more words ".repeat(19)}end.`));
    const five = Array.from({ length: 5 }, (_, i) =>
      passage(`Quote ${i} ${"of some length ".repeat(10)}end.`, { id: `a1:${i}.1`, context: { before: context(i), after: context(i) } }),
    );
    const message = renderReplyDiscord({ kind: "answer", answer: answer(five), ephemeral: false });
    expect(discordProblems(message)).toEqual([]);
    const withContext = passageTexts(message).map(([quote]) => quote.startsWith("-# "));
    expect(withContext).toHaveLength(5);
    expect(withContext[0]).toBe(true);
    expect(withContext.at(-1)).toBe(false);
    // Context is given in rank order: no passage has it while one ranked above goes without.
    expect(withContext).toEqual([...withContext].sort((x, y) => Number(y) - Number(x)));
  });

  it("GIVEN a line of our own above a reply THEN it leads the content of an embed message, and is the first text display of a layout", () => {
    const noticeMessage = renderReplyDiscord(notice("info", "Passage shown."));
    expect((withLineAbove(noticeMessage, "-# Shared by <@1>") as EmbedMessage).content).toBe("-# Shared by <@1>\nPassage shown.");
    const layout = withLineAbove(
      renderReplyDiscord({ kind: "answer", answer: answer([passage("It rained.")]), ephemeral: false }),
      "-# Shared",
    );
    expect(messageText(layout).split("\n")[0]).toBe("-# Shared");
    expect(discordProblems(layout)).toEqual([]);
  });

  it("GIVEN an article with many speakers THEN the field value is shortened to Discord's limit", () => {
    const speakers = Array.from({ length: 300 }, (_, i) => ({ name: `Speaker Number ${i}`, description: null, passages: 1 }));
    const message = renderReplyDiscord({
      kind: "article",
      result: { kind: "article", article, speakers, opening: null },
      ephemeral: false,
    });
    for (const f of (message as EmbedMessage).embeds[0]!.fields!) expect(f.value.length).toBeLessThanOrEqual(MAX_FIELD_VALUE);
  });
});

describe("markdown helpers", () => {
  it("GIVEN a quote with apostrophes and quotation marks THEN it is left as written; a bracket only gets a backslash", () => {
    expect(escapeMarkdown(`"They are firing," he said. Shi'ite.`)).toBe(`"They are firing," he said. Shi'ite.`);
    expect(escapeMarkdown("They are [still] firing")).toBe("They are \\[still] firing");
  });

  it("GIVEN emphasis, code, a masked link and mentions THEN each gets a backslash, nothing else", () => {
    expect(escapeMarkdown("*a* _b_ `c` [d](https://x)")).toBe("\\*a\\* \\_b\\_ \\`c\\` \\[d](https\\://x)");
    expect(escapeMarkdown("@everyone <@123>")).toBe("\\@everyone \\<@123>");
  });

  it("GIVEN a text too long THEN it is shortened at a sentence end, else a word boundary", () => {
    expect(shorten("One two three. Four five six seven.", 25)).toBe("One two three.…");
    expect(shorten("alpha beta gamma delta", 15)).toBe("alpha beta…");
    expect(shorten("short", 15)).toBe("short");
  });
});
