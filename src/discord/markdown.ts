/**
 * Escapes what would change how Discord draws a text (emphasis, code, spoilers, strikethrough, masked
 * links, a heading at a line's start) and nothing else, so a quote stays readable as written.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\*_~`|])/g, "\\$1")
    .replace(/\[([^\]\n]*)\]\(/g, "\\[$1\\](")
    .replace(/^(\s*)(#{1,3}\s|-#\s|>\s)/gm, "$1\\$2");
}

/** User text echoed back: escaped, and with @everyone/@here defused even if mentions were allowed. */
export function escapeUserText(text: string): string {
  return escapeMarkdown(text).replace(/@(everyone|here)/g, "@\u200b$1").replace(/<(@[!&]?|#)(\d+)>/g, "<\u200b$1$2>");
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
  return text.split("\n").map((line) => `> ${line}`).join("\n");
}
