import { attributeSpeakers } from "../attribution/speakers.js";
import type { Article } from "../corpus/article.js";
import { passagesOf } from "../passages/split.js";
import { type IndexedDocument, type IndexPart, indexPartOf, mergeIndexParts } from "../search/indexBuilder.js";
import { PassageIndex } from "../search/passageIndex.js";
import { words } from "../search/terms.js";
import { embeddings } from "../vectors/embeddings.js";
import { VectorTable } from "../vectors/table.js";
import { type ArticleCard, toArticleCard } from "./articleCard.js";
import { contextOf } from "./context.js";
import { assembleLibrary, type Library } from "./library.js";
import { type AttributedPassage, mergeColumns, type PassageColumns, PassageTable, PassageTableBuilder } from "./passageTable.js";

/** corpus → passages → speakers → index: the whole pipeline, in memory. */
export function buildLibrary(articles: readonly Article[]): Library {
  return mergeLibraryParts([libraryPartOf(articles)]);
}

/** The library of a run of the corpus's articles: built one per thread, then merged. */
export interface LibraryPart {
  cards: ArticleCard[];
  passages: PassageColumns;
  index: IndexPart;
}

/** Articles built between two progress reports. */
const PROGRESS_EVERY = 100;

/** The library part of a run of articles; onProgress hears how many articles and passages are done as it goes. */
export function libraryPartOf(articles: readonly Article[], onProgress?: (articles: number, passages: number) => void): LibraryPart {
  const { passages, cards } = attributedPassagesOf(articles, onProgress);
  return { cards, passages: passages.columns, index: indexPartOf(indexedDocumentsOf(passages)) };
}

/** The parts, in corpus order, as the library one pass over the whole corpus builds. */
export function mergeLibraryParts(parts: readonly LibraryPart[]): Library {
  const passages = new PassageTable(mergeColumns(parts.map((part) => part.passages)));
  return assembleLibrary({
    articles: parts.flatMap((part) => part.cards),
    passages,
    index: PassageIndex.fromData(mergeIndexParts(parts.map((part) => part.index))),
    vectors: vectorsFor(new Set(parts.flatMap((part) => part.index.words)), passages),
  });
}

/** The word vectors the corpus needs, with its common component found from a sample of its sentences. */
function vectorsFor(corpusWords: ReadonlySet<string>, passages: PassageTable): VectorTable | null {
  const english = embeddings();
  if (!english) return null;
  const every = Math.max(1, Math.floor(passages.length / COMMON_SAMPLE));
  const sample: string[][] = [];
  for (let i = 0; i < passages.length; i += every) sample.push(words(passages.at(i)!.text));
  return VectorTable.build(english, corpusWords, sample, { count: passages.length, wordsOf: (i) => words(passages.at(i)!.text) });
}

/** Sentences read for the common component of the corpus's sentence vectors. */
const COMMON_SAMPLE = 2_000;

/** corpus → passages → speakers. */
function attributedPassagesOf(
  articles: readonly Article[],
  onProgress?: (articles: number, passages: number) => void,
): { passages: PassageTable; cards: ArticleCard[] } {
  const table = new PassageTableBuilder();
  const cards: ArticleCard[] = [];
  let passageCount = 0;
  for (const [i, article] of articles.entries()) {
    const own = passagesOf(article);
    table.addArticle(article, own, attributeSpeakers(article.text, own));
    cards.push(toArticleCard(article, own));
    passageCount += own.length;
    if (onProgress && ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === articles.length)) onProgress(i + 1, passageCount);
  }
  return { passages: table.build(), cards };
}

/** What the index is given of each passage: its text, its speaker, and whether it leans on a neighbour. */
function indexedDocumentsOf(passages: PassageTable): IndexedDocument[] {
  const documents: IndexedDocument[] = [];
  for (let i = 0; i < passages.length; i++) {
    const p = passages.at(i)!;
    const { before, after } = contextOf(passages, i);
    documents.push({ text: p.text, speaker: speakerField(p), leansOnPrevious: before.length > 0, leansOnNext: after.length > 0 });
  }
  return documents;
}

/** The speaker as searched: the name and, when it says more, the description ("Russian Foreign Minister …"). */
function speakerField(p: AttributedPassage): string | null {
  const { speaker, speakerDescription } = p.attribution;
  if (!speaker) return null;
  return speakerDescription && speakerDescription !== speaker ? `${speaker} ${speakerDescription}` : speaker;
}
