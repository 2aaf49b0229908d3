import type { ArticleCard } from "../library/articleCard.js";
import { surroundingsOf } from "../library/context.js";
import type { Library } from "../library/library.js";
import { type IdSuggestion, nearestIds } from "./suggest.js";
import { type QuotedPassage, toQuotedPassage } from "./types.js";

/** Sentences shown each side of a passage that is looked up. */
const SURROUNDING = 2;

export interface QuotedSpeaker {
  name: string;
  description: string | null;
  passages: number;
}

export type SourceResult =
  | { kind: "passage"; passage: QuotedPassage; before: QuotedPassage[]; after: QuotedPassage[]; article: ArticleCard }
  | { kind: "article"; article: ArticleCard; speakers: QuotedSpeaker[]; opening: QuotedPassage | null }
  | { kind: "not-found"; id: string; suggestions: IdSuggestion[] };

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
