import { attributeSpeakers } from "../attribution/speakers.js";
import type { Article } from "../corpus/article.js";
import { passagesOf } from "../passages/split.js";
import { PassageIndex } from "../search/passageIndex.js";
import { contextOf } from "./context.js";
import { toArticleCard, type ArticleCard, type AttributedPassage } from "./types.js";

/** Everything answers are made from: articles, their attributed passages, and the index over them. */
export interface Library {
  articles: ArticleCard[];
  /** All passages, article by article, each article's in order. */
  passages: AttributedPassage[];
  index: PassageIndex;
}

/** corpus → passages → speakers → index: the whole pipeline, in memory. */
export function buildLibrary(articles: readonly Article[]): Library {
  const passages: AttributedPassage[] = [];
  const cards: ArticleCard[] = [];
  for (const article of articles) {
    const own = passagesOf(article);
    const attributions = attributeSpeakers(article.text, own);
    own.forEach((p, i) => passages.push({ ...p, attribution: attributions[i]! }));
    cards.push(toArticleCard(article, own.length));
  }
  const index = PassageIndex.build(
    passages.map((p, i) => {
      const { before, after } = contextOf(passages, i);
      return { text: p.text, speaker: speakerField(p), leansOn: [...before, ...after].map((c) => c.position + i - p.position) };
    }),
  );
  return { articles: cards, passages, index };
}

/** The speaker as searched: the name and, when it says more, the description ("Russian Foreign Minister …"). */
function speakerField(p: AttributedPassage): string | null {
  const { speaker, speakerDescription } = p.attribution;
  if (!speaker) return null;
  return speakerDescription && speakerDescription !== speaker ? `${speaker} ${speakerDescription}` : speaker;
}
