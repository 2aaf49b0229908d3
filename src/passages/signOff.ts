/**
 * A quotation signed with a dash and its speaker's name, as vox pops, epigraphs and pull quotes
 * write them: `… our greatest shame.” ― Ana Ruiz`, `"…" — J. K. Olmsted, 34`. Only after a closing
 * quote mark or the end of a sentence, so that a dash in running prose (`the man behind it — Ana
 * Ruiz.`) is not one. Group 1 is the name.
 */
export const SIGN_OFF =
  /(?:["\u201d\u2019\u00bb]|[.!?\u2026])\s*(?:[\u2015\u2014\u2013]|--)\s*(\p{Lu}[\p{L}'\u2019-]*\.?(?:\s+\p{Lu}[\p{L}'\u2019-]*\.?){0,3})(?:,\s*\d{1,3})?[.,]?\s*$/u;

/** The signed quotation's speaker, when `text` ends with a sign-off; null otherwise. */
export function signOffName(text: string): string | null {
  return text.match(SIGN_OFF)?.[1]?.replace(/\.$/, "") ?? null;
}
