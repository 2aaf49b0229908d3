/**
 * What opens markdown inline: emphasis, code, spoilers, strikethrough, a masked link's `[`, the `<` of
 * a mention, timestamp, emoji or command mention (`<@…>`, `<t:…>`, `</…>`), and the `:` of `://`,
 * which would make an address a link. Closing `]` and `>` do nothing without their opening, except
 * `](`: a link's text runs on over a `]`, so that `(` would close a masked link of ours opened before
 * the text (a title in /corpus list after another's link) and send it to an address of the text's.
 */
const INLINE = /[\\*_~`|[<]|:(?=\/\/)|(?<=\])\(/g;
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
