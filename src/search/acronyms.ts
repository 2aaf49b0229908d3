/** A capitalised name of two or more words, with small joining words inside: "Syrian Observatory for Human Rights". */
const NAME_RUN = /\b\p{Lu}[\p{L}'-]*(?:\s+(?:(?:of|for|and|the|on|de|del|du)\s+)*\p{Lu}[\p{L}'-]*)+/gu;
const JOINING = /^(?:of|for|and|the|on|de|del|du)$/;

/**
 * The acronyms a text's multi-word names go by: "International Monetary Fund" → "IMF", "United
 * Nations" → "UN". Indexed beside the text (never shown), so a question that says "the IMF" finds
 * a passage that spells the name out.
 */
export function acronymsOf(text: string): string[] {
  const out = new Set<string>();
  for (const [run] of text.matchAll(NAME_RUN)) {
    // "The" opens, and "UK-based" describes: neither is part of the name's initials.
    const initials = run
      .split(/\s+/)
      .filter((w, i) => !JOINING.test(w) && !(i === 0 && w === "The") && !/-\p{Ll}/u.test(w))
      .map((w) => w[0]!)
      .join("");
    if (initials.length >= 2 && initials.length <= 6) out.add(initials);
  }
  return [...out];
}
