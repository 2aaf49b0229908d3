import { describe, expect, it } from "vitest";
import type { Answer, RankedPassage } from "../../src/answer/types.js";
import { notice } from "../../src/commandKit/reply.js";
import { MAX_CONTENT_LENGTH, MAX_EMBED_DESCRIPTION, MAX_EMBEDS_TOTAL, MAX_FIELD_VALUE } from "../../src/discord/limits.js";
import { escapeMarkdown } from "../../src/discord/markdown.js";
import { embedSize, renderReplyDiscord } from "../../src/discord/render.js";
import { shorten } from "../../src/render/parts.js";
import { parse, shown } from "../support/discordMarkdown.js";

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

describe("renderReplyDiscord", () => {
  it("GIVEN an answer THEN a quote block per passage, its attribution, article link and id, and no mentions parsed", () => {
    const message = renderReplyDiscord({
      kind: "answer",
      answer: answer([passage('"We sailed at dawn," Ana Ruiz said.')]),
      ephemeral: false,
    });
    expect(message.allowedMentions).toEqual({ parse: [] });
    expect(message.flags).toBeUndefined();
    const [embed] = message.embeds;
    expect(embed!.description).toBe('> "We sailed at dawn," Ana Ruiz said.\n— **Ana Ruiz** (quoted) · Ana Ruiz, a nurse');
    expect(embed!.url).toBe("https://example.org/a1");
    expect(embed!.footer!.text).toBe("Test Wire (Reuters) · 2020-01-02 · paragraph 1, sentence 1 · id a1:1.1");
  });

  it("GIVEN context sentences THEN they are drawn apart from the quote, as subtext", () => {
    const p = passage("It blamed the storm.", { context: { before: [passage("The port said ferries stopped.")], after: [] } });
    const description = renderReplyDiscord({ kind: "answer", answer: answer([p]), ephemeral: false }).embeds[0]!.description!;
    expect(description.split("\n").slice(0, 2)).toEqual(["-# The port said ferries stopped.", "> It blamed the storm."]);
  });

  it("GIVEN an ephemeral reply THEN the Ephemeral flag is set", () => {
    expect(renderReplyDiscord(notice("refusal", "No.")).flags).toBe(64);
  });

  it("GIVEN user text with mentions and markdown THEN it is escaped and cannot ping", () => {
    const question = "@everyone @here <@123456789012345678> **bold** [x](https://evil.example)";
    const message = renderReplyDiscord({ kind: "answer", answer: answer([], question), ephemeral: false });
    const [bold, ...rest] = parse(message.content!);
    // Only our own "**Q:**" is markdown; the question shows as typed, forming nothing.
    expect(bold!.type).toBe("strong");
    expect(shown(rest)).toEqual({ text: ` ${question}`, constructs: [] });
  });

  it("GIVEN passages far too long for one message THEN every limit holds and nothing is cut mid-word", () => {
    const words = "the river rose past the markers ".repeat(400);
    const long = Array.from({ length: 12 }, (_, i) => passage(`Witness ${i} said ${words}at dawn.`, { id: `a1:${i}.1` }));
    const message = renderReplyDiscord({ kind: "answer", answer: answer(long, "q".repeat(5000)), ephemeral: false });
    expect(message.content!.length).toBeLessThanOrEqual(MAX_CONTENT_LENGTH);
    expect(message.embeds.length).toBeLessThanOrEqual(10);
    expect(message.embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(MAX_EMBEDS_TOTAL);
    for (const e of message.embeds) {
      expect(e.description!.length).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION);
      expect(e.description).toMatch(/(?:river|rose|past|the|markers)…|dawn\./);
    }
    expect(message.content).toMatch(/did not fit/);
  });

  it("GIVEN an article with many speakers THEN the field value is shortened to Discord's limit", () => {
    const speakers = Array.from({ length: 300 }, (_, i) => ({ name: `Speaker Number ${i}`, description: null, passages: 1 }));
    const message = renderReplyDiscord({
      kind: "article",
      result: { kind: "article", article, speakers, opening: null },
      ephemeral: false,
    });
    for (const f of message.embeds[0]!.fields!) expect(f.value.length).toBeLessThanOrEqual(MAX_FIELD_VALUE);
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
