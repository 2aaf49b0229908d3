import type { ArticleCard } from "../library/articleCard.js";
import { surroundingsOf } from "../library/context.js";
import type { Library } from "../library/library.js";
import { editDistance } from "../search/variants.js";
import { type QuotedPassage, toQuotedPassage } from "./types.js";

/** Sentences shown each side of a passage that is looked up. */
const SURROUNDING = 2;
const SUGGESTIONS = 5;
/** Articles whose passage ids are compared with an unknown passage id. */
const NEAR_ARTICLES = 3;

export interface QuotedSpeaker {
  name: string;
  description: string | null;
  passages: number;
}

export type SourceResult =
  | { kind: "passage"; passage: QuotedPassage; before: QuotedPassage[]; after: QuotedPassage[]; article: ArticleCard }
  | { kind: "article"; article: ArticleCard; speakers: QuotedSpeaker[]; opening: QuotedPassage | null }
  | { kind: "not-found"; id: string; suggestions: { id: string; label: string }[] };

/** A passage with the sentences around it, or an article's card; ids match without regard to case. */
export function source(library: Library, rawId: string): SourceResult {
  const id = rawId.trim();
  const wanted = id.toLowerCase();
  const byId = library.byId;
  // A passage id is "<article>:<paragraph>.<sentence>": only that article's passages need a look.
  const home = byId.get(wanted.split(":")[0]!);
  let at = -1;
  for (let i = home?.start ?? 0; home && at < 0 && i < home.end; i++) if (library.passages.at(i)!.id.toLowerCase() === wanted) at = i;
  if (at >= 0) {
    const passage = library.passages.at(at)!;
    const { before, after } = surroundingsOf(library.passages, at, SURROUNDING);
    return {
      kind: "passage",
      passage: toQuotedPassage(passage),
      before: before.map(toQuotedPassage),
      after: after.map(toQuotedPassage),
      article: home!.card,
    };
  }
  const found = byId.get(wanted);
  if (found) {
    const article = found.card;
    const own = library.passages.slice(found.start, found.end);
    return { kind: "article", article, speakers: speakersIn(own), opening: own[0] ? toQuotedPassage(own[0]) : null };
  }
  return { kind: "not-found", id, suggestions: nearestIds(library, wanted) };
}

function speakersIn(passages: readonly { attribution: { speaker: string | null; speakerDescription: string | null } }[]): QuotedSpeaker[] {
  const byName = new Map<string, QuotedSpeaker>();
  for (const { attribution } of passages) {
    if (!attribution.speaker) continue;
    const entry = byName.get(attribution.speaker) ?? {
      name: attribution.speaker,
      description: attribution.speakerDescription,
      passages: 0,
    };
    entry.passages++;
    byName.set(attribution.speaker, entry);
  }
  return [...byName.values()].sort((a, b) => b.passages - a.passages || a.name.localeCompare(b.name));
}

/** Ids that start with, contain, or are a few edits from what was typed, closest first. */
function nearestIds(library: Library, wanted: string): { id: string; label: string }[] {
  if (wanted === "") return library.articles.slice(0, SUGGESTIONS).map((a) => ({ id: a.id, label: a.title }));
  const wantedArticle = wanted.split(":")[0]!;
  const articles = library.articles.map((a) => ({ id: a.id, label: a.title, forms: [wanted, wantedArticle] }));
  // Passage ids are only worth comparing in the articles whose ids come closest to the one typed.
  const byId = library.byId;
  const nearArticles = articles
    .map((a) => ({ id: a.id, distance: editDistance(a.id.toLowerCase(), wantedArticle) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, NEAR_ARTICLES);
  const passages = nearArticles.flatMap(({ id }) => {
    const { start, end } = byId.get(id.toLowerCase())!;
    return library.passages.slice(start, end).map((p) => ({ id: p.id, label: p.text, forms: [wanted] }));
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
    .map((c) => ({ id: c.id, label: c.label, distance: distance(c.id, c.forms), whole: editDistance(c.id.toLowerCase(), wanted) }))
    .filter((c) => c.distance <= tolerance)
    .sort((a, b) => a.distance - b.distance || a.whole - b.whole || a.id.length - b.id.length)
    .slice(0, SUGGESTIONS)
    .map(({ id, label }) => ({ id, label }));
}
