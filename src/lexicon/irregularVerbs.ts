import { createRequire } from "node:module";
import { wordNet } from "./wordNet.js";

/**
 * The base forms of English's irregular verbs' pasts and participles ("held" → "hold", "began" →
 * "begin"), from the `english-verbs-irregular` package's list: the index and the questions then meet
 * on one term, so "Did the dam hold?" finds "The dam held". A form that is a verb of its own ("saw",
 * "lay") or a noun in common use by WordNet's sense-tagged texts ("wound", "ground", "left",
 * "thought") keeps its own meaning.
 */
export function baseOfIrregular(word: string): string | undefined {
  bases ??= irregularBases();
  return bases.get(word);
}

let bases: Map<string, string> | undefined;

function irregularBases(): Map<string, string> {
  const out = new Map<string, string>();
  let verbs: Record<string, string[][]>;
  try {
    verbs = createRequire(import.meta.url)("english-verbs-irregular/dist/verbs.json") as Record<string, string[][]>;
  } catch {
    return out;
  }
  const lexicon = wordNet();
  const ambiguous = new Set<string>();
  for (const [base, forms] of Object.entries(verbs)) {
    for (const form of forms.flat()) {
      if (form === base || form in verbs) continue;
      if (out.has(form) && out.get(form) !== base) ambiguous.add(form);
      out.set(form, base);
    }
  }
  for (const form of out.keys()) if (ambiguous.has(form) || (lexicon && lexicon.taggedSenses(form, "noun") > 0)) out.delete(form);
  return out;
}
