import type { Library } from "../library/library.js";

export interface IdSuggestion {
  id: string;
  /** The article's title, or the passage's speaker and text. */
  label: string;
  kind: "article" | "passage";
}

/** Passages found by their words are drawn from this many of the best search results. */
const WORD_CANDIDATES = 50;

/**
 * Ids for what someone is typing: articles whose id or title contains it; then passages whose id
 * starts with it (in the article it names); then, from three letters on, passages whose text contains
 * it, found through the index (a million passages are not scanned on every keystroke).
 */
export function suggestIds(library: Library, typed: string, max: number): IdSuggestion[] {
  const wanted = typed.trim().toLowerCase();
  const out: IdSuggestion[] = [];
  const seen = new Set<string>();
  const push = (s: IdSuggestion) => {
    if (out.length < max && !seen.has(s.id)) {
      seen.add(s.id);
      out.push(s);
    }
  };
  for (const a of library.articles) {
    if (out.length >= max) return out;
    if (!wanted || a.id.toLowerCase().includes(wanted) || a.title.toLowerCase().includes(wanted))
      push({ id: a.id, label: a.title, kind: "article" });
  }
  if (!wanted) return out;
  const home = library.byId.get(wanted.split(":")[0]!);
  if (home && wanted.includes(":")) {
    for (const p of library.passages.slice(home.start, home.end)) {
      if (p.id.toLowerCase().startsWith(wanted)) push({ id: p.id, label: passageLabel(p.text, p.attribution.speaker), kind: "passage" });
    }
  }
  if (wanted.length < 3) return out;
  const hits = library.index.search(library.index.analyze(typed), WORD_CANDIDATES);
  for (const { doc } of hits) {
    const p = library.passages.at(doc)!;
    if (p.text.toLowerCase().includes(wanted)) push({ id: p.id, label: passageLabel(p.text, p.attribution.speaker), kind: "passage" });
  }
  return out;
}

function passageLabel(text: string, speaker: string | null): string {
  return speaker ? `${speaker}: ${text}` : text;
}
