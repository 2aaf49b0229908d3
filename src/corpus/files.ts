/**
 * The corpus folder's layout and what each of its files may hold: one article is `<id>.txt`, its text
 * exactly as published, with its metadata beside it in `<id>.json`. The same rules hold for files put
 * there by hand and for files a moderator uploads.
 */

/** An article id is its file name without `.txt`: letters, digits, `_` and `-`. */
export const ARTICLE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/;

/** Largest article text: a long feature is 50 KB; a megabyte is a book, or a mistake. */
export const MAX_ARTICLE_BYTES = 1_000_000;
/** Largest metadata file: valid metadata is well under 3 KB. */
export const MAX_METADATA_BYTES = 64 * 1024;

const TEXT = /\.txt$/i;
const METADATA = /\.json$/i;

export const isCorpusFileName = (name: string): boolean => TEXT.test(name) || METADATA.test(name);
export const isTextFileName = (name: string): boolean => TEXT.test(name);
export const isMetadataFileName = (name: string): boolean => METADATA.test(name);

export const textFileOf = (id: string): string => `${id}.txt`;
export const metadataFileOf = (id: string): string => `${id}.json`;
/** "Story.txt" → "Story"; "story.json" → "story". */
export const idOfFile = (name: string): string => name.replace(/\.(?:txt|json)$/i, "");

/** The size limit of a corpus file, and what to call its kind in a message. */
export function maxBytesOf(name: string): { bytes: number; what: string } {
  return isMetadataFileName(name) ? { bytes: MAX_METADATA_BYTES, what: "metadata files" } : { bytes: MAX_ARTICLE_BYTES, what: "articles" };
}

/** What is wrong with a corpus file of that size, said for a moderator; null when it fits. */
export function tooLarge(name: string, bytes: number): string | null {
  const limit = maxBytesOf(name);
  return bytes > limit.bytes ? `is ${formatBytes(bytes)}; ${limit.what} can be at most ${formatBytes(limit.bytes)}` : null;
}

/** "1,000,000 bytes", "12.3 MB": sizes said so a moderator can compare them. */
export function formatBytes(bytes: number): string {
  return bytes >= 10_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${bytes.toLocaleString("en-US")} bytes`;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * An article's text from its bytes, or what is wrong with them, in words for a moderator: it must be
 * UTF-8 (a byte-order mark is kept, as part of the text), not binary, and have words in it.
 */
export function articleTextOf(bytes: Uint8Array): { text: string } | { problem: string } {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { problem: "is not UTF-8 text" };
  }
  if (text.includes("\u0000")) return { problem: "looks binary (it contains NUL bytes), not plain text" };
  if (!/[\p{L}\p{N}]/u.test(text)) return { problem: "is empty (no words in it)" };
  return { text };
}
