import type { Library } from "../library/library.js";
import { editDistance } from "../search/variants.js";

export interface IdSuggestion {
  id: string;
  /** The article's title, or the passage's speaker and text. */
  label: string;
  kind: "article" | "passage";
}

/**
 * Ids offered to someone, of two kinds: while they type an id (autocomplete, suggestIds), and when
 * an id they gave is unknown (the nearest by spelling, nearestIds). One type for both, and for the
 * reply that lists them.
 */

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

/** How many near ids an unknown one gets. */
const SUGGESTIONS = 5;
/** Articles whose passage ids are compared with an unknown passage id. */
const NEAR_ARTICLES = 3;

/** Ids that start with, contain, or are a few edits from what was typed, closest first. */
export function nearestIds(library: Library, wanted: string): IdSuggestion[] {
  if (wanted === "") return library.articles.slice(0, SUGGESTIONS).map((a) => ({ id: a.id, label: a.title, kind: "article" as const }));
  const wantedArticle = wanted.split(":")[0]!;
  const articles = library.articles.map((a) => ({ id: a.id, label: a.title, kind: "article" as const, forms: [wanted, wantedArticle] }));
  // Passage ids are only worth comparing in the articles whose ids come closest to the one typed.
  const byId = library.byId;
  const nearArticles = articles
    .map((a) => ({ id: a.id, distance: editDistance(a.id.toLowerCase(), wantedArticle) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, NEAR_ARTICLES);
  const passages = nearArticles.flatMap(({ id }) => {
    const { start, end } = byId.get(id.toLowerCase())!;
    return library.passages.slice(start, end).map((p) => ({ id: p.id, label: p.text, kind: "passage" as const, forms: [wanted] }));
  });
  const candidates = [...articles, ...passages];
  const distance = (id: string, forms: string[]) => {
    const lower = id.toLowerCase();
    if (lower.startsWith(wanted)) return 0;
    if (lower.includes(wanted)) return 1;
    return 2 + Math.min(...forms.flatMap((f) => [editDistance(lower, f), editDistance(lower.slice(0, f.length), f)]));
  };
  const tolerance = 2 + Math.max(2, Math.floor(wanted.length / 3));
  return candidates
    .map((c) => ({
      id: c.id,
      label: c.label,
      kind: c.kind,
      distance: distance(c.id, c.forms),
      whole: editDistance(c.id.toLowerCase(), wanted),
    }))
    .filter((c) => c.distance <= tolerance)
    .sort((a, b) => a.distance - b.distance || a.whole - b.whole || a.id.length - b.id.length)
    .slice(0, SUGGESTIONS)
    .map(({ id, label, kind }) => ({ id, label, kind }));
}
