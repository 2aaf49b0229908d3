import path from "node:path";
import type { Library } from "../answer/library.js";
import { PassageTable, type PassageColumns } from "../answer/passageTable.js";
import type { ArticleCard } from "../answer/types.js";
import type { IndexData } from "../search/indexData.js";
import { PassageIndex } from "../search/passageIndex.js";
import { pipelineVersion } from "./pipelineVersion.js";
import { readSections, SnapshotFormatError, writeSections } from "./sectionFile.js";

const SNAPSHOT_FILE = "index.snapshot";

export interface Snapshot {
  library: Library;
  fingerprint: string;
  builtAt: string;
}

export function snapshotPath(dataDir: string): string {
  return path.join(dataDir, SNAPSHOT_FILE);
}

/** Saves atomically (temporary file, fsync, rename): a crash leaves the old snapshot or the new one. */
export async function saveSnapshot(dataDir: string, snapshot: Snapshot): Promise<void> {
  await writeSections(
    snapshotPath(dataDir),
    { pipelineVersion: pipelineVersion(), fingerprint: snapshot.fingerprint, builtAt: snapshot.builtAt },
    { articles: snapshot.library.articles, passages: snapshot.library.passages.columns, index: snapshot.library.index.toJSON() },
  );
}

export type LoadedSnapshot = { snapshot: Snapshot } | { snapshot: null; problem: string | null };

/**
 * The saved snapshot; or null with the reason when it is missing (problem null), truncated,
 * corrupted, from another pipeline version or otherwise unusable.
 */
export async function loadSnapshot(dataDir: string): Promise<LoadedSnapshot> {
  let read;
  try {
    read = await readSections(snapshotPath(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { snapshot: null, problem: null };
    return { snapshot: null, problem: error instanceof SnapshotFormatError ? error.message : `unreadable: ${String(error)}` };
  }
  const { header, value } = read;
  if (header.pipelineVersion !== pipelineVersion()) return { snapshot: null, problem: "built by another version of the pipeline" };
  try {
    const articles = value.articles as ArticleCard[];
    if (!Array.isArray(articles)) throw new Error("articles missing");
    const passages = PassageTable.fromColumns(value.passages as PassageColumns);
    if (passages.columns.articleIds.length !== articles.length) throw new Error("passages and articles differ");
    const index = PassageIndex.fromJSON(value.index as IndexData);
    return { snapshot: { library: { articles, passages, index }, fingerprint: String(header.fingerprint), builtAt: String(header.builtAt) } };
  } catch (error) {
    return { snapshot: null, problem: `incompatible contents (${error instanceof Error ? error.message : String(error)})` };
  }
}
