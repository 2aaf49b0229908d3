import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIContainerComponent,
  type APIMessageTopLevelComponent,
  type APITextDisplayComponent,
  ComponentType,
} from "discord-api-types/v10";
import type { Answer, RankedPassage } from "../answer/types.js";
import type { ArticleCard } from "../library/articleCard.js";
import { invisibleNote, showsMarks } from "../render/invisible.js";
import { quoteLines, shorten } from "../render/parts.js";
import { passageButtons, reportRow } from "./buttons.js";
import { codeSpan, outsideText } from "./compose.js";
import { MAX_COMPONENT_TEXT, MAX_COMPONENTS } from "./limits.js";
import { escapeMarkdown } from "./markdown.js";
import { articleTitle, contextLine, speakerLine, whereLine } from "./passageLines.js";

/**
 * An answer laid out with components v2: what was asked, then one container a passage (context in
 * small text around the quote, the speaker line, the article line, the passage's buttons), then the
 * answer's Report button. Within Discord's limits, passages come first and context after: as many
 * passages as fit are shown bare, then each gets its context while there is room; a passage left out
 * is counted in a note, never cut off mid-quote (only a lone first quote too long for a message is
 * shortened, with an ellipsis).
 */
export function answerLayout(
  answer: Answer,
  { claim, privately }: { claim: { cutAt: number | null } | undefined; privately: boolean },
): APIMessageTopLevelComponent[] {
  const make = (p: RankedPassage, withContext: boolean, quoteMax = Infinity) =>
    passageContainer(p, answer.articles[p.article], { privately, withContext, quoteMax });
  const report = reportRow(answer.passages);
  const lay = (passagesMarked: boolean) => {
    const heading = textDisplay(headingOf(answer, claim, passagesMarked));
    const fixed = layoutSize([heading, ...(report ? [report] : [])]);
    const room = minus({ components: MAX_COMPONENTS, text: MAX_COMPONENT_TEXT }, fixed);
    // Room for the note is kept only when not every passage fits without it.
    let containers = fitPassages(answer.passages, room, make);
    if (containers.length < answer.passages.length) containers = fitPassages(answer.passages, minus(room, NOTE_ROOM), make);
    return { heading, containers };
  };
  let { heading, containers } = lay(false);
  // Marks shown in passages are told of once, under the question: laid out again with room for that.
  if (containers.some(showsMarksIn)) ({ heading, containers } = lay(true));
  const dropped = answer.passages.length - containers.length;
  const note =
    dropped > 0
      ? [textDisplay(`-# ${dropped} more passage${dropped === 1 ? "" : "s"} did not fit; ask a narrower question to see them.`)]
      : [];
  return [heading, ...containers, ...note, ...(report ? [report] : [])];
}

type MakeContainer = (p: RankedPassage, withContext: boolean, quoteMax?: number) => APIContainerComponent;

/** As many passages as fit in the room, bare, in rank order; then each given its context while there is room. */
function fitPassages(passages: readonly RankedPassage[], space: Size, make: MakeContainer): APIContainerComponent[] {
  const room = { ...space };
  const kept: { passage: RankedPassage; container: APIContainerComponent; size: Size; quoteMax: number }[] = [];
  for (const passage of passages) {
    let quoteMax = Infinity;
    let container = make(passage, false);
    let size = layoutSize([container]);
    let over = overflow(room, size);
    // Only the first passage is shortened to fit: any later one waits for a narrower question.
    while (over > 0 && kept.length === 0 && Number.isFinite(over)) {
      quoteMax = Math.min(quoteMax, outsideText(passage.text).length) - over - 1;
      if (quoteMax < MIN_QUOTE) break;
      container = make(passage, false, quoteMax);
      size = layoutSize([container]);
      over = overflow(room, size);
    }
    if (over > 0) break;
    kept.push({ passage, container, size, quoteMax });
    take(room, size);
  }
  for (const entry of kept) {
    const full = make(entry.passage, true, entry.quoteMax);
    const more = minus(layoutSize([full]), entry.size);
    if (overflow(room, more) > 0) continue;
    entry.container = full;
    take(room, more);
  }
  return kept.map((k) => k.container);
}

/** Room kept for the note that says how many passages did not fit. */
const NOTE_ROOM = { components: 1, text: 100 };
/** A quote is never shortened below this many characters: a passage with no room for that is left out, and counted. */
const MIN_QUOTE = 80;
/** Each sentence of context at most this long; an article's title under each passage too. */
const CONTEXT_MAX = 300;
const TITLE_MAX = 150;
const COLOR = { answer: 0x3b82f6, related: 0x9ca3af };

/** What was asked, then notes in small text (a claim cut, marks shown), then what the articles say to it. */
function headingOf(answer: Answer, claim: { cutAt: number | null } | undefined, passagesMarked: boolean): string {
  const asked = outsideText(answer.question, { oneLine: true, max: 400 });
  const notes = [
    ...(claim?.cutAt ? [`Only its first ${claim.cutAt} characters were checked.`] : []),
    ...(showsMarks(asked) ? [invisibleNote(claim ? "claim" : "question")] : []),
    ...(passagesMarked ? [invisibleNote("articles")] : []),
  ];
  const lines = [claim ? `**Claim:** ${asked}` : `**Q:** ${asked}`, ...notes.map((n) => `-# ${n}`)];
  if (!answer.answered) {
    const unanswered = claim ? "The articles do not cover this claim." : (answer.reason ?? "The articles don't answer this.");
    lines.push(`${unanswered}${answer.passages.length > 0 ? " Closest passages:" : ""}`);
  }
  return lines.join("\n");
}

function passageContainer(
  p: RankedPassage,
  article: ArticleCard | undefined,
  { privately, withContext, quoteMax }: { privately: boolean; withContext: boolean; quoteMax: number },
): APIContainerComponent {
  const around = (list: RankedPassage["context"]["before"]) => (withContext ? list.map((c) => contextLine(c, CONTEXT_MAX)) : []);
  const shown = outsideText(p.text);
  const quote = quoteLines(Number.isFinite(quoteMax) ? shorten(shown, quoteMax) : shown);
  const who = speakerLine(p);
  const buttons = passageButtons(p, article, { privately });
  return {
    type: ComponentType.Container,
    accent_color: p.relevance === "answer" ? COLOR.answer : COLOR.related,
    components: [
      textDisplay([...around(p.context.before), quote, ...around(p.context.after), ...(who ? [who] : [])].join("\n")),
      textDisplay(article ? articleLines(article, p) : `-# id ${codeSpan(p.id)}`),
      ...(buttons ? [buttons] : []),
    ],
  };
}

/** "**Title**" and, in small text, where the passage is in it; the title in full is /source's to show. */
function articleLines(article: ArticleCard, p: RankedPassage): string {
  return `**${escapeMarkdown(shorten(articleTitle(article), TITLE_MAX))}**\n-# ${whereLine(article, p, { markdown: true })}`;
}

const textDisplay = (content: string): APITextDisplayComponent => ({ type: ComponentType.TextDisplay, content });
const showsMarksIn = (container: APIContainerComponent) =>
  container.components.some((c) => c.type === ComponentType.TextDisplay && showsMarks(c.content));

type Size = { components: number; text: number };
type AnyComponent = APIMessageTopLevelComponent | APIActionRowComponent<APIButtonComponent> | APIButtonComponent;

/**
 * What components weigh against Discord's limits: each one counted, nested ones too, and the
 * characters of their text (text displays, and button labels, counted too to be safe).
 */
export function layoutSize(components: readonly AnyComponent[]): Size {
  let count = 0;
  let text = 0;
  const visit = (c: object) => {
    count += 1;
    if ("content" in c && typeof c.content === "string") text += c.content.length;
    if ("label" in c && typeof c.label === "string") text += c.label.length;
    if ("components" in c && Array.isArray(c.components)) for (const child of c.components) visit(child);
    if ("accessory" in c && c.accessory && typeof c.accessory === "object") visit(c.accessory);
  };
  for (const c of components) visit(c);
  return { components: count, text };
}

const minus = (a: Size, ...others: Size[]): Size =>
  others.reduce((left, b) => ({ components: left.components - b.components, text: left.text - b.text }), a);
/** Characters over the room (Infinity when the components are what is over). */
const overflow = (room: Size, size: Size) => (size.components > room.components ? Infinity : size.text - room.text);
const take = (room: Size, size: Size) => {
  room.components -= size.components;
  room.text -= size.text;
};
