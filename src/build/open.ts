import { Engine } from "../answer/engine.js";
import { CorpusError } from "../corpus/errors.js";
import { readCorpusFolder, releaseBytes } from "../corpus/folder.js";
import { articlesOf } from "../corpus/load.js";
import type { CorpusWarning } from "../corpus/warnings.js";
import { buildLibrary } from "../library/build.js";
import type { Library } from "../library/library.js";
import type { FingerprintJobs } from "../pool/jobs.js";
import { WorkerPool } from "../pool/pool.js";
import { corpusFingerprint, fingerprintCorpusFolder } from "../store/fingerprint.js";
import { pipelineVersion } from "../store/pipelineVersion.js";
import { loadSnapshot, readSnapshotHeader, saveSnapshot, snapshotPath } from "../store/snapshot.js";
import { buildLibraryInParallel } from "./parallelBuild.js";
import type { BuildProgress } from "./progress.js";

export interface Folders {
  corpusDir: string;
  dataDir: string;
}

export interface Opened {
  engine: Engine;
  /** True when the saved index matched the corpus and was reused. */
  fromSnapshot: boolean;
  warnings: CorpusWarning[];
}

const note = (text: string): CorpusWarning => ({ kind: "index", text });

/**
 * The engine for the corpus: the saved index while the corpus is unchanged, else a fresh build
 * (saved when DATA_DIR can be written). When the corpus has become invalid or empty but an index was
 * saved before, that last good index serves, with a warning; with no index to fall back on, the
 * CorpusError is thrown.
 *
 * The corpus's fingerprint is worked out (for a large corpus on a thread of its own while the
 * snapshot loads: at ten million passages, 1.5 GB of files to read and hash), and the snapshot serves
 * only when the two agree.
 */
export async function openEngine(folders: Folders, { mayBeEmpty = false }: { mayBeEmpty?: boolean } = {}): Promise<Opened> {
  const saved = readSnapshotHeader(folders.dataDir);
  const fingerprinting = (saved?.articles ?? 0) >= FINGERPRINT_THREAD_FROM ? fingerprintInThread(folders.corpusDir) : null;
  const loaded = await loadSnapshot(folders.dataDir);
  const snapshot = loaded.snapshot;
  // With no snapshot to compare with, the build reads the corpus itself: it is not read twice.
  const fingerprint = snapshot
    ? ((await fingerprinting) ?? (await fingerprintCorpusFolder(folders.corpusDir, pipelineVersion())))
    : await fingerprinting;
  if (snapshot && snapshot.fingerprint === fingerprint) {
    return { engine: new Engine(snapshot.library, snapshot.builtAt, fingerprint), fromSnapshot: true, warnings: [] };
  }
  const notes =
    !loaded.snapshot && loaded.problem ? [note(`the saved index could not be used (${loaded.problem}); rebuilt from the corpus`)] : [];
  try {
    const { engine, warnings } = await rebuild(folders, {
      // A server's own articles may all be gone; the shared corpus is never replaced by an empty folder.
      previousArticles: mayBeEmpty ? 0 : snapshot?.library.articles.length,
    });
    return { engine, fromSnapshot: false, warnings: [...notes, ...warnings] };
  } catch (error) {
    if (!(error instanceof CorpusError) || !snapshot) throw error;
    const warning = note(
      `the corpus cannot be indexed, so the index saved at ${snapshot.builtAt} serves until it is fixed. ${error.message}`,
    );
    return { engine: new Engine(snapshot.library, snapshot.builtAt, snapshot.fingerprint), fromSnapshot: true, warnings: [warning] };
  }
}

/**
 * A saved index of at least this many articles has its corpus fingerprinted on a thread of its own.
 * Starting the thread costs about 0.3 s, and on two cores loading the snapshot keeps more than one busy:
 * at 4,000 articles (100k passages) the thread made start-up slower (0.6 → 0.9 s); at 40,000 it saves
 * a little (about 5.0 → 4.3–4.9 s).
 */
const FINGERPRINT_THREAD_FROM = 20_000;
const FINGERPRINT_WORKER = new URL("./fingerprintWorker.ts", import.meta.url);

/** The corpus folder's fingerprint, read and hashed on a thread of its own; null when the thread fails (the caller then works it out itself). */
export async function fingerprintInThread(corpusDir: string): Promise<string | null> {
  const pool = new WorkerPool<FingerprintJobs>({
    name: "the fingerprint thread",
    module: FINGERPRINT_WORKER,
    size: 1,
    maxQueued: 0,
    recycle: "after-each-job",
  });
  try {
    return await pool.run("fingerprint", { corpusDir });
  } catch {
    return null;
  } finally {
    pool.close();
  }
}

/**
 * For a shard: the saved snapshot as it is, never writing (the process that started the shards keeps
 * it up to date). Without a usable snapshot, builds in memory only.
 */
export async function openEngineReadOnly(folders: Folders): Promise<Opened> {
  const loaded = await loadSnapshot(folders.dataDir);
  if (loaded.snapshot) {
    const { library, builtAt, fingerprint } = loaded.snapshot;
    return { engine: new Engine(library, builtAt, fingerprint), fromSnapshot: true, warnings: [] };
  }
  const folder = await readCorpusFolder(folders.corpusDir);
  const { articles, warnings } = articlesOf(folder);
  const built = note(`no usable snapshot in ${folders.dataDir} (${loaded.problem ?? "missing"}); built in memory`);
  const engine = new Engine(await buildLibraryInParallel(articles), new Date().toISOString(), corpusFingerprint(folder, pipelineVersion()));
  return { engine, fromSnapshot: false, warnings: [built, ...warnings] };
}

/**
 * What was indexed before, for work that rebuilds the index itself (the command line's reindex and
 * corpus edits): the saved snapshot as it is, or an empty index when there is none. Never builds.
 */
export async function openSavedIndex(folders: Folders): Promise<Engine> {
  const { snapshot } = await loadSnapshot(folders.dataDir);
  return snapshot
    ? new Engine(snapshot.library, snapshot.builtAt, snapshot.fingerprint)
    : new Engine(buildLibrary([]), new Date(0).toISOString(), "");
}

export interface Rebuilt {
  engine: Engine;
  warnings: CorpusWarning[];
  /** False when DATA_DIR could not be written: the index serves from memory (a warning says why). */
  saved: boolean;
  milliseconds: number;
}

export interface RebuildOptions {
  /**
   * Articles in the index this build replaces (else read from the saved snapshot): an empty corpus
   * never replaces an index that has articles.
   */
  previousArticles?: number;
  onProgress?: (progress: BuildProgress) => void;
}

/**
 * Builds the index from the corpus folder and saves it. Throws CorpusError (and saves nothing) when
 * the corpus is invalid, so the previous snapshot stays as it was.
 */
export async function rebuild(folders: Folders, options: RebuildOptions = {}): Promise<Rebuilt> {
  const started = performance.now();
  const { library, builtAt, fingerprint, warnings, saved } = await rebuildSnapshot(folders, options);
  return { engine: new Engine(library, builtAt, fingerprint), warnings, saved, milliseconds: performance.now() - started };
}

export interface BuiltSnapshot {
  library: Library;
  builtAt: string;
  fingerprint: string;
  warnings: CorpusWarning[];
  saved: boolean;
}

/**
 * Validates the corpus, builds the library and saves it as the snapshot. Nothing is written unless
 * the corpus is valid. A snapshot that cannot be written (DATA_DIR read-only, the disk full) is a
 * warning, not a failure: the library was built and serves from memory.
 */
export async function rebuildSnapshot(folders: Folders, options: RebuildOptions = {}): Promise<BuiltSnapshot> {
  const { onProgress } = options;
  const folder = await readCorpusFolder(folders.corpusDir, (files, totalFiles) => onProgress?.({ stage: "reading", files, totalFiles }));
  const fingerprint = corpusFingerprint(folder, pipelineVersion());
  const { articles, warnings } = articlesOf(folder);
  // The articles hold their text now: the folder's bytes need not stay in memory during the build.
  releaseBytes(folder);
  const previous = options.previousArticles ?? readSnapshotHeader(folders.dataDir)?.articles ?? 0;
  if (articles.length === 0 && previous > 0)
    throw new CorpusError([{ file: folders.corpusDir, problem: emptyFolderProblem(previous, folders) }]);
  const library = await buildLibraryInParallel(articles, { onProgress });
  const builtAt = new Date().toISOString();
  onProgress?.({ stage: "saving" });
  try {
    await saveSnapshot(folders.dataDir, { library, fingerprint, builtAt });
    return { library, builtAt, fingerprint, warnings, saved: true };
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    const unsaved = note(
      `the index could not be saved as ${snapshotPath(folders.dataDir)} (${why}): it serves from memory and is rebuilt at the next start`,
    );
    return { library, builtAt, fingerprint, warnings: [...warnings, unsaved], saved: false };
  }
}

function emptyFolderProblem(previous: number, folders: Folders): string {
  return (
    `has no articles (no .txt files), while the index it would replace has ${previous}. ` +
    `Is CORPUS_DIR right, and the folder mounted? Nothing was replaced. ` +
    `To start over with no articles, delete ${snapshotPath(folders.dataDir)}.`
  );
}
