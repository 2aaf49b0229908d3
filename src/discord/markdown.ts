/**
 * What opens markdown inline: emphasis, code, spoilers, strikethrough, a masked link's `[`, the `<` of
 * a mention, timestamp, emoji or command mention (`<@…>`, `<t:…>`, `</…>`), and the `:` of `://`,
 * which would make an address a link. Closing `]` and `>` do nothing without their opening.
 */
const INLINE = /[\\*_~`|[<]|:(?=\/\/)/g;
/**
 * At a line's start: headings, subtext, block quotes (`>>> ` too) and lists; also at the end of the
 * text, where what follows it (" <https://…>") would complete the marker.
 */
const LINE_START = /^([ \t]*)(#{1,3}|-#|>{1,3}|[-+])(?=[ \t]|$)/gm;
const NUMBERED = /^([ \t]*\d+)(\.)(?=[ \t]|$)/gm;

/**
 * Text from outside (an article, a question, metadata) made inert for Discord: nothing in it can
 * form emphasis, code, a spoiler, a heading, a quote, a list, a link (masked or bare), a user, role
 * or channel mention, a timestamp or a command mention, and @everyone/@here are plain words. Only
 * backslashes are added, which Discord does not show: the text reads exactly as written.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE, "\\$&")
    .replace(/@(everyone|here)/g, "\\@$1")
    .replace(LINE_START, "$1\\$2")
    .replace(NUMBERED, "$1\\$2");
}

/**
 * Shortens text to at most max characters: at the last sentence end that fits, else the last space,
 * never inside a word, with an ellipsis.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(0, max - 1));
  const sentenceEnd = Math.max(...[". ", "! ", "? ", ".\n", '." '].map((m) => room.lastIndexOf(m)));
  if (sentenceEnd > max / 2) return `${room.slice(0, sentenceEnd + 1).trimEnd()}…`;
  const space = room.search(/\s\S*$/);
  return `${(space > 0 ? room.slice(0, space) : room).trimEnd()}…`;
}

/** Each line of text as a Discord quote line. */
export function quoteLines(text: string): string {
  return text
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}
