import { type CommandHint, drawProse, type Prose } from "../prose.js";
import { markInvisible } from "../render/invisible.js";
import { shorten } from "../render/parts.js";
import { escapeMarkdown } from "./markdown.js";

/**
 * The pieces Discord messages are composed of, each safe whatever text it is given: code spans,
 * masked links, command hints in Discord's syntax, lists cut to fit with the count of what was left out.
 */

/**
 * Text from outside (an article, a question, metadata) as a message shows it: invisible and
 * direction-changing characters as marks, first (white space's rules would take a BOM); on one line
 * when asked; at most `max` characters, marks counted; its markdown made inert.
 */
export function outsideText(text: string, { oneLine = false, max = Infinity }: { oneLine?: boolean; max?: number } = {}): string {
  const marked = markInvisible(text);
  return escapeMarkdown(shorten(oneLine ? marked.replace(/\s+/g, " ") : marked, max));
}

/** Text as inline code; text that code cannot hold (backticks, line breaks) as escaped text instead. */
export function codeSpan(text: string): string {
  return /[`\n]/.test(text) || text === "" ? escapeMarkdown(text) : `\`${text}\``;
}

/**
 * A link with text: the text as given (already escaped), the address with anything that could end
 * the link encoded. Brackets in the text would end it too (Discord's link rule ignores escapes), so
 * such a text is shown with its address after it instead.
 */
export function maskedLink(escapedText: string, url: string): string {
  const target = url.replace(/[()<>\s[\]\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  return /[[\]]/.test(escapedText) ? `${escapedText} <${target}>` : `[${escapedText}](${target})`;
}

/** A command as a user types it in Discord: `/corpus add file:… replace:True`. */
export function discordCommand(hint: CommandHint): string {
  const parts = [`/${hint.name}`];
  if (hint.subcommand) parts.push(hint.subcommand);
  if (hint.first) parts.push(`${hint.first.name}:${hint.first.value ?? "…"}`);
  for (const [name, value] of Object.entries(hint.options ?? {}))
    parts.push(`${name}:${typeof value === "boolean" ? (value ? "True" : "False") : String(value)}`);
  return parts.join(" ");
}

/** Prose for Discord: Citebot's words and literals escaped (literals as code), commands as code in Discord's syntax. */
export function discordProse(text: Prose): string {
  return drawProse(text, { words: escapeMarkdown, literal: codeSpan, command: (hint) => codeSpan(discordCommand(hint)) });
}

/**
 * As many lines as fit in `max` characters (joined by line breaks), then a last line from `more`
 * saying how many were left out: a long list is never cut without saying so.
 */
export function fitLines(lines: readonly string[], max: number, more: (left: number) => string): string {
  const kept: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const left = lines.length - i - 1;
    const tail = left > 0 ? more(left).length + 1 : 0;
    if (length + line.length + (kept.length > 0 ? 1 : 0) + tail > max) {
      kept.push(more(lines.length - i));
      return kept.join("\n");
    }
    kept.push(line);
    length += line.length + (kept.length > 1 ? 1 : 0);
  }
  return kept.join("\n");
}
