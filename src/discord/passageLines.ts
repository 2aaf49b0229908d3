import type { QuotedPassage } from "../answer/types.js";
import type { ArticleCard } from "../library/articleCard.js";
import { markInvisible } from "../render/invisible.js";
import { channelOf, FROM_SERVER, shorten, speakerOf } from "../render/parts.js";
import { codeSpan, outsideText } from "./compose.js";
import { MAX_EMBED_TITLE } from "./limits.js";
import { escapeMarkdown } from "./markdown.js";

/** How a passage's speaker and article read on Discord, in an answer's layout and in a /source embed alike. */

/** "— **Sergey Lavrov** (quoted) · Russian Foreign Minister Sergey Lavrov" */
export function speakerLine(p: QuotedPassage): string | null {
  const who = speakerOf(p);
  if (!who) return null;
  const description = who.description ? ` · ${outsideText(who.description, { max: 200 })}` : "";
  return `— ${who.probably ? "probably " : ""}**${outsideText(who.name)}** (${who.how})${description}`;
}

/** The article's title as given (marked, not escaped), said to be a working title when it is one. */
export function articleTitle(article: ArticleCard): string {
  return shorten(markInvisible(article.titleIsWorking ? `${article.title} (working title)` : article.title), MAX_EMBED_TITLE);
}

/**
 * Where a passage is: "Reuters (AFP) · 2016-12-15 · paragraph 3, sentence 1 · id reuters-1:3.1". Plain
 * text for an embed's footer; as markdown, the words escaped and the id as code, ready to copy. Either
 * way, invisible and direction-changing characters are marked.
 */
export function whereLine(article: ArticleCard, p: QuotedPassage, { markdown = false } = {}): string {
  const channel = channelOf(article);
  const via = !channel ? "" : "wire" in channel ? ` (${channel.wire})` : ` (reporting ${channel.reporting})`;
  // Marked before it is shortened, so that marks count towards the length.
  const publisher = `${shorten(markInvisible(article.publisher ?? "Publisher unknown"), PUBLISHER_MAX)}${markInvisible(via)}`;
  return [
    markdown ? escapeMarkdown(publisher) : publisher,
    article.published ?? "date unknown",
    `paragraph ${p.paragraph}, sentence ${p.sentence}`,
    `id ${markdown ? codeSpan(p.id) : p.id}`,
    ...(article.fromServer ? [FROM_SERVER] : []),
  ].join(" · ");
}

/** A publisher's name is shown to this length (metadata allows 200). */
const PUBLISHER_MAX = 100;

/** A context sentence as subtext, on one line. */
export function contextLine(c: QuotedPassage, max: number): string {
  return `-# ${outsideText(c.text, { oneLine: true, max })}`;
}
