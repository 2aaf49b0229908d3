import { createRequire } from "node:module";
import type winkNLP from "wink-nlp";
import type { Model } from "wink-nlp";

const require = createRequire(import.meta.url);

/**
 * wink-nlp with its small English model, loaded on first use (about 130 ms, so that commands that
 * answer no question never pay it): part-of-speech tags for questions, and the number, date, time,
 * duration, money and percentage entities of passages.
 */
export const nlp = lazy(() => (require("wink-nlp") as typeof winkNLP)(require("wink-eng-lite-web-model") as Model, ["sbd", "pos", "ner"]));

/** The words of a text with their universal part-of-speech tags ("NOUN", "VERB", "PROPN" …). */
export function tagged(text: string): { word: string; pos: string }[] {
  const doc = nlp().readDoc(text);
  const its = nlp().its;
  const values = doc.tokens().out(its.value) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  return values.map((word, i) => ({ word, pos: tags[i]! }));
}

function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
