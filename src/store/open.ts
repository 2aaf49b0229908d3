import { Engine } from "../answer/engine.js";
import type { Library } from "../answer/library.js";
import { CorpusError } from "../corpus/errors.js";
import { loadCorpus } from "../corpus/load.js";
import { corpusFingerprint } from "./fingerprint.js";
import { pipelineVersion } from "./pipelineVersion.js";
import { buildLibraryInParallel } from "./parallelBuild.js";
import { loadSnapshot, saveSnapshot } from "./snapshot.js";

export interface Folders {
  corpusDir: string;
  dataDir: string;
}

export interface Opened {
  engine: Engine;
  /** True when the saved index matched the corpus and was reused. */
  fromSnapshot: boolean;
  warnings: string[];
}

/**
 * The engine for the corpus: the saved index while the corpus is unchanged, else a fresh build
 * (saved). When the corpus has become invalid but an index was saved before, that last good index
 * serves, with a warning; with no index to fall back on, the CorpusError is thrown.
 */
export async function openEngine(folders: Folders): Promise<Opened> {
  const fingerprint = await corpusFingerprint(folders.corpusDir, pipelineVersion());
  const loaded = await loadSnapshot(folders.dataDir);
  const snapshot = loaded.snapshot;
  if (snapshot && snapshot.fingerprint === fingerprint) {
    return { engine: new Engine(snapshot.library, snapshot.builtAt, fingerprint), fromSnapshot: true, warnings: [] };
  }
  const notes = !loaded.snapshot && loaded.problem ? [`the saved index could not be used (${loaded.problem}); rebuilt from the corpus`] : [];
  try {
    const { engine, warnings } = await rebuild(folders);
    return { engine, fromSnapshot: false, warnings: [...notes, ...warnings] };
  } catch (error) {
    if (!(error instanceof CorpusError) || !snapshot) throw error;
    const warning = `the corpus is invalid, so the index saved at ${snapshot.builtAt} serves until it is fixed. ${error.message}`;
    return { engine: new Engine(snapshot.library, snapshot.builtAt, snapshot.fingerprint), fromSnapshot: true, warnings: [warning] };
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
  const fingerprint = await corpusFingerprint(folders.corpusDir, pipelineVersion());
  const { articles, warnings } = await loadCorpus(folders.corpusDir);
  const note = `no usable snapshot in ${folders.dataDir} (${loaded.problem ?? "missing"}); built in memory`;
  return { engine: new Engine(await buildLibraryInParallel(articles), new Date().toISOString(), fingerprint), fromSnapshot: false, warnings: [note, ...warnings] };
}

export interface Rebuilt {
  engine: Engine;
  warnings: string[];
  milliseconds: number;
}

/**
 * Builds the index from the corpus folder and saves it. Throws CorpusError (and saves nothing) when
 * the corpus is invalid, so the previous snapshot stays as it was.
 */
export async function rebuild(folders: Folders): Promise<Rebuilt> {
  const started = performance.now();
  const { library, builtAt, fingerprint, warnings } = await rebuildSnapshot(folders);
  return { engine: new Engine(library, builtAt, fingerprint), warnings, milliseconds: performance.now() - started };
}

/** Validates the corpus, builds the library and saves it as the snapshot. Nothing is written unless valid. */
export async function rebuildSnapshot(folders: Folders): Promise<{ library: Library; builtAt: string; fingerprint: string; warnings: string[] }> {
  // Every file is read once: for the fingerprint, and from those same bytes for the articles.
  const read = new Map<string, Buffer>();
  const fingerprint = await corpusFingerprint(folders.corpusDir, pipelineVersion(), read);
  const { articles, warnings } = await loadCorpus(folders.corpusDir, read);
  read.clear();
  const library = await buildLibraryInParallel(articles);
  const builtAt = new Date().toISOString();
  await saveSnapshot(folders.dataDir, { library, fingerprint, builtAt });
  return { library, builtAt, fingerprint, warnings };
}
