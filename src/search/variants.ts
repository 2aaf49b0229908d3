import { doubleMetaphone } from "double-metaphone";

/**
 * Spelling variants: the same name transliterated two ways (Fua/Foua, Kafraya/Kefraya, Shia/Shi'ite,
 * Sunni/Sunnite). Two words are variants when they sound alike (same Double Metaphone code, once a
 * demonym's "-ite" is set aside) and are spelled within a small edit distance of each other.
 */
export function variantKey(word: string): string | null {
  const base = variantBase(word);
  if (base.length < 3 || !/^\p{L}+$/u.test(base)) return null;
  return doubleMetaphone(base)[0] || null;
}

export function areVariants(a: string, b: string): boolean {
  const x = variantBase(a);
  const y = variantBase(b);
  if (x === y) return a !== b;
  return x[0] === y[0] && editDistance(x, y) <= Math.max(1, Math.floor(Math.min(x.length, y.length) / 4));
}

function variantBase(word: string): string {
  return word.length > 5 ? word.replace(/ites?$/, "") : word;
}

/** Levenshtein distance, for short words. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
