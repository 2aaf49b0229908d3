import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { ArticleCard } from "../library/articleCard.js";
import { assembleLibrary, type Library } from "../library/library.js";
import { type PassageColumns, PassageTable, passageArraysOf } from "../library/passageTable.js";
import type { IndexData } from "../search/indexBuilder.js";
import { PassageIndex } from "../search/passageIndex.js";
import { VectorTable, type VectorTableData } from "../vectors/table.js";
import { pipelineVersion } from "./pipelineVersion.js";
import { isAbandonedTemporary, readSections, SnapshotFormatError, writeSections } from "./sectionFile.js";

const SNAPSHOT_FILE = "index.snapshot";
/**
 * The library's word vectors, beside the index, written and checked the same way: one file per build,
 * named after it (`vectors-<build>.snapshot`) and named in the index's header, so that the two are
 * replaced together: a crash between the two writes leaves the old index beside its old vectors.
 */
const VECTORS_FILE = /^vectors-[0-9a-f]{16}\.snapshot$/;

export interface Snapshot {
  library: Library;
  fingerprint: string;
  builtAt: string;
}

export function snapshotPath(dataDir: string): string {
  return path.join(dataDir, SNAPSHOT_FILE);
}

/** The vectors file of one build. */
function vectorsFileOf(fingerprint: string, builtAt: string): string {
  return `vectors-${createHash("sha256").update(`${fingerprint}\n${builtAt}`).digest("hex").slice(0, 16)}.snapshot`;
}

/** A library as plain data (typed arrays, arrays, strings): what a snapshot stores and a thread posts. */
export interface LibraryParts {
  articles: ArticleCard[];
  passages: PassageColumns;
  index: IndexData;
  vectors: VectorTableData | null;
}

export function partsOf(library: Library): LibraryParts {
  return {
    articles: library.articles,
    passages: library.passages.columns,
    index: library.index.toData(),
    vectors: library.vectors?.data ?? null,
  };
}

/** The parts' typed arrays (to move them to another thread). */
export function arraysOfParts(parts: LibraryParts): ArrayBufferView[] {
  const { index, vectors } = parts;
  return [
    ...passageArraysOf(parts.passages),
    ...[index.text, index.speaker, vectors ?? {}].flatMap((group) => Object.values(group).filter((v) => ArrayBuffer.isView(v))),
    index.leans,
    index.properTerms,
  ];
}

/** The library from parts read or received; throws when they do not fit together. */
export function libraryFromParts(parts: LibraryParts): Library {
  const { articles } = parts;
  if (!Array.isArray(articles)) throw new Error("articles missing");
  const passages = PassageTable.fromColumns(parts.passages);
  if (passages.columns.articleIds.length !== articles.length) throw new Error("passages and articles differ");
  return assembleLibrary({
    articles,
    passages,
    index: PassageIndex.fromSnapshot(parts.index),
    vectors: parts.vectors ? VectorTable.fromData(parts.vectors) : null,
  });
}

/**
 * Saves atomically (temporary file, fsync, rename): a crash leaves the old snapshot or the new one.
 * The vectors are written first, to a file of their own build's; the index's rename then commits
 * both, and the vectors of older builds are removed.
 */
export async function saveSnapshot(dataDir: string, snapshot: Snapshot): Promise<void> {
  const { library } = snapshot;
  const { vectors, ...index } = partsOf(library);
  const vectorsFile = vectorsFileOf(snapshot.fingerprint, snapshot.builtAt);
  const header = { pipelineVersion: pipelineVersion(), fingerprint: snapshot.fingerprint, builtAt: snapshot.builtAt };
  await writeSections(path.join(dataDir, vectorsFile), header, { vectors: vectors ?? null });
  await writeSections(
    snapshotPath(dataDir),
    { ...header, vectorsFile, articles: library.articles.length, passages: library.passages.length },
    { ...index },
  );
  for (const name of await readdir(dataDir)) {
    const stale = VECTORS_FILE.test(name) ? name !== vectorsFile : name.startsWith("vectors-") && isAbandonedTemporary(name);
    if (stale) await rm(path.join(dataDir, name), { force: true });
  }
}

export type LoadedSnapshot = { snapshot: Snapshot } | { snapshot: null; problem: string | null };

/**
 * The saved snapshot; or null with the reason when it is missing (problem null), truncated,
 * corrupted, from another pipeline version or otherwise unusable.
 */
export async function loadSnapshot(dataDir: string): Promise<LoadedSnapshot> {
  let read: Awaited<ReturnType<typeof readSections>>;
  try {
    read = await readSections(snapshotPath(dataDir));
  } catch (error) {
    // No snapshot yet, or DATA_DIR is not a folder (saving then says why): nothing to report here.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { snapshot: null, problem: null };
    return { snapshot: null, problem: error instanceof SnapshotFormatError ? error.message : `unreadable: ${String(error)}` };
  }
  const { header, value } = read;
  if (header.pipelineVersion !== pipelineVersion()) return { snapshot: null, problem: "built by another version of the pipeline" };
  let vectors: VectorTableData | null;
  try {
    const file = typeof header.vectorsFile === "string" && VECTORS_FILE.test(header.vectorsFile) ? header.vectorsFile : null;
    if (!file) return { snapshot: null, problem: "it names no word vectors file" };
    const beside = await readSections(path.join(dataDir, file));
    if (beside.header.fingerprint !== header.fingerprint || beside.header.builtAt !== header.builtAt)
      return { snapshot: null, problem: "the word vectors beside it are from another build" };
    vectors = (beside.value as { vectors: VectorTableData | null }).vectors ?? null;
  } catch (error) {
    return { snapshot: null, problem: `its word vectors cannot be read (${error instanceof Error ? error.message : String(error)})` };
  }
  try {
    const library = libraryFromParts({ ...(value as unknown as Omit<LibraryParts, "vectors">), vectors });
    return { snapshot: { library, fingerprint: String(header.fingerprint), builtAt: String(header.builtAt) } };
  } catch (error) {
    return { snapshot: null, problem: `incompatible contents (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** What the saved snapshot's first line says of it, read without the rest; null when there is none to read. */
export interface SnapshotHeader {
  fingerprint: string | null;
  builtAt: string | null;
  articles: number | null;
}

export function readSnapshotHeader(dataDir: string): SnapshotHeader | null {
  let fd: number;
  try {
    fd = openSync(snapshotPath(dataDir), "r");
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.alloc(4096);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    const header = JSON.parse(buffer.subarray(0, length).toString("utf8").split("\n")[0]!) as Record<string, unknown>;
    return {
      fingerprint: typeof header.fingerprint === "string" ? header.fingerprint : null,
      builtAt: typeof header.builtAt === "string" ? header.builtAt : null,
      articles: typeof header.articles === "number" ? header.articles : null,
    };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
