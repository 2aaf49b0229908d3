import { describe, expect, it } from "vitest";
import type { Answer, RankedPassage } from "../../src/answer/types.js";
import { notice } from "../../src/commandKit/reply.js";
import { MAX_FIELD_VALUE } from "../../src/discord/limits.js";
import { escapeMarkdown } from "../../src/discord/markdown.js";
import { type EmbedMessage, renderReplyDiscord, withLineAbove } from "../../src/discord/render.js";
import type { ArticleCard } from "../../src/library/articleCard.js";
import { shorten, textFragmentUrl } from "../../src/render/parts.js";
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
    speakerProbable: false,
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

  it("GIVEN a speaker worked out from a pronoun THEN the speaker line says probably", () => {
    const p = passage('"We sailed at dawn," she said.', { speakerVia: "pronoun", speakerProbable: true });
    const [[quote]] = passageTexts(renderReplyDiscord({ kind: "answer", answer: answer([p]), ephemeral: false }));
    expect(quote).toBe('> "We sailed at dawn," she said.\n— probably **Ana Ruiz** (quoted) · Ana Ruiz, a nurse');
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
    expect(escapeMarkdown("*a* _b_ `c` [d](https://x)")).toBe("\\*a\\* \\_b\\_ \\`c\\` \\[d]\\(https\\://x)");
    expect(escapeMarkdown("@everyone <@123>")).toBe("\\@everyone \\<@123>");
  });

  it("GIVEN a text too long THEN it is shortened at a sentence end, else a word boundary", () => {
    expect(shorten("One two three. Four five six seven.", 25)).toBe("One two three.…");
    expect(shorten("alpha beta gamma delta", 15)).toBe("alpha beta…");
    expect(shorten("short", 15)).toBe("short");
  });
});

describe("invisible and direction-changing characters (issue 19)", () => {
  const RLO = "\u202e";
  const ZWSP = "\u200b";
  const BOM = "\ufeff";
  const hostileQuote = `The port${ZWSP} said the ferry ${RLO}ylno ecno${BOM} sailed.`;

  it("GIVEN a quote, its context and the question holding U+202E, a zero-width space and a BOM THEN each is a visible mark, a note says so once, and the link opens at the exact text", () => {
    const p = passage(hostileQuote, { context: { before: [passage(`Before${RLO} it.`)], after: [] } });
    const asked = answer([p], `When did${ZWSP} the ferry sail?`);
    const kept = structuredClone(asked);
    const message = renderReplyDiscord({ kind: "answer", answer: asked, ephemeral: false });
    const text = messageText(message);
    expect(text).toContain("**Q:** When did⟨U+200B⟩ the ferry sail?");
    expect(text).toContain("> The port⟨U+200B⟩ said the ferry ⟨U+202E⟩ylno ecno⟨U+FEFF⟩ sailed.");
    expect(text).toContain("-# Before⟨U+202E⟩ it.");
    expect(text).not.toMatch(/[\u202e\u200b\ufeff]/);
    expect(text.match(/The question holds invisible or direction-changing characters, shown as ⟨U\+…⟩ marks\./g)).toHaveLength(1);
    expect(
      text.match(
        /Text from the articles holds invisible or direction-changing characters, shown as ⟨U\+…⟩ marks; the articles are unchanged\./g,
      ),
    ).toHaveLength(1);
    const open = buttonsOf(message).find((b) => b.label === "Open at the quote");
    expect(open.url).toBe(textFragmentUrl(article.url, hostileQuote));
    expect(decodeURIComponent(open.url)).toContain(`${RLO}ylno`);
    expect(discordProblems(message)).toEqual([]);
    // The answer itself (ids, offsets, text: what --json prints) is untouched.
    expect(asked).toEqual(kept);
  });

  it("GIVEN emoji joined by ZWJ and Persian words joined by ZWNJ THEN they are shown as written, with no note", () => {
    const legit = "👨\u200d👩\u200d👧 🏳️\u200d🌈 👩🏽\u200d💻 می\u200cخواهم کتاب\u200cها क्\u200dष";
    const text = messageText(
      renderReplyDiscord({ kind: "answer", answer: answer([passage(legit)], "می\u200cخواهم 👨\u200d👩\u200d👧"), ephemeral: false }),
    );
    expect(text).toContain(`> ${legit}`);
    expect(text).toContain("**Q:** می\u200cخواهم 👨\u200d👩\u200d👧");
    expect(text).not.toMatch(/⟨U\+|holds invisible/);
  });

  it("GIVEN /source of a passage and of an article holding U+202E THEN marks in the quote, speaker, title and publisher, and a note in the footer", () => {
    const marked = { ...article, title: `Ferry${RLO} resumes`, publisher: `Test${ZWSP} Wire` };
    const p = passage(hostileQuote, { speaker: `Ana${RLO} Ruiz`, speakerDescription: null });
    const shownPassage = renderReplyDiscord({
      kind: "passage",
      result: { kind: "passage", passage: p, before: [], after: [], article: marked },
      ephemeral: false,
    });
    const passageText = messageText(shownPassage);
    expect(passageText).toContain("> The port⟨U+200B⟩ said the ferry ⟨U+202E⟩ylno ecno⟨U+FEFF⟩ sailed.");
    expect(passageText).toContain("**Ana⟨U+202E⟩ Ruiz**");
    expect(passageText).toContain("[Ferry⟨U+202E⟩ resumes](https://example.org/a1)");
    expect(passageText).toContain("Test⟨U+200B⟩ Wire (Reuters) · 2020-01-02");
    expect(passageText).not.toMatch(/[\u202e\u200b\ufeff]/);
    expect((shownPassage as EmbedMessage).embeds[0]!.footer!.text).toMatch(
      /Text from the article holds invisible .*; the article is unchanged\.$/,
    );
    const shownArticle = renderReplyDiscord({
      kind: "article",
      result: { kind: "article", article: marked, speakers: [{ name: `Ana${RLO} Ruiz`, description: null, passages: 1 }], opening: p },
      ephemeral: false,
    }) as EmbedMessage;
    expect(shownArticle.embeds[0]!.title).toBe("Ferry⟨U+202E⟩ resumes");
    expect(messageText(shownArticle)).not.toMatch(/[\u202e\u200b\ufeff]/);
    expect(shownArticle.embeds[0]!.footer!.text).toMatch(/Text from the article holds invisible/);
  });
});

describe("/corpus list", () => {
  const card = (id: string, title: string, publisher = "Test Wire") => ({
    ...article,
    id,
    title,
    publisher,
    url: `https://example.org/${id}`,
  });
  const listOf = (articles: ArticleCard[], owner: "shared" | "server" = "shared") =>
    renderReplyDiscord({
      kind: "corpus-list",
      list: { articles, page: 1, pages: 1, pageSize: 20, total: articles.length, owner },
      ephemeral: true,
    }) as EmbedMessage;
  /** Every link Discord would draw in the text, nested ones too, with where it goes. */
  const linksIn = (markdown: string) => {
    const found: string[] = [];
    const walk = (nodes: any[]) => {
      for (const n of nodes) {
        if (["link", "url", "autolink"].includes(n.type)) found.push(n.target);
        if (Array.isArray(n.content)) walk(n.content);
      }
    };
    walk(parse(markdown));
    return found;
  };

  it("GIVEN titles and publishers holding `](https://…)` among other articles on the page THEN the only links are to the articles' own addresses, one each", () => {
    for (const [title, publisher] of [
      ["Evil](https://evil.example) x", "Test Wire"],
      ["[Click](https://evil.example)", "Test Wire"],
      ["Fine title", "Evil](https://evil.example)"],
      ["x] (https://evil.example)", "Test Wire"],
      ["Evil](<https://evil.example>)", "Test Wire"],
    ] as const) {
      const articles = [
        card("a0", "Fine"),
        card("a1", title, publisher),
        card("a2", "[Click", "Wire"),
        card("a3", "x](https://evil.example)"),
      ];
      const links = linksIn(listOf(articles).embeds[0]!.description!);
      expect(links.sort(), `${title} / ${publisher}`).toEqual(articles.map((a) => a.url));
    }
  });

  it("GIVEN a server with no articles of its own THEN it is told so, and that the shared articles still answer there, not that the corpus is empty", () => {
    const embed = listOf([], "server").embeds[0]!;
    const text = `${embed.title}\n${embed.description}`;
    expect(text).not.toMatch(/corpus is empty/i);
    expect(embed.title).toMatch(/^This server has no articles of its own yet/);
    expect(embed.description).toMatch(/shared articles still answer questions here/);
    expect(listOf([]).embeds[0]!.title).toBe("The corpus is empty.");
  });
});
