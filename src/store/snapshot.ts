import { mkdir, readFile, rename, writeFile, rm } from "node:fs/promises";
import path from "node:path";
import type { Library } from "../answer/library.js";
import type { ArticleCard, AttributedPassage } from "../answer/types.js";
import { PassageIndex, type PassageIndexJSON } from "../search/passageIndex.js";
import { pipelineVersion } from "./pipelineVersion.js";

const SNAPSHOT_FILE = "index.json";

interface SnapshotJSON {
  pipelineVersion: string;
  fingerprint: string;
  builtAt: string;
  articles: ArticleCard[];
  passages: AttributedPassage[];
  index: PassageIndexJSON;
}

export interface Snapshot {
  library: Library;
  fingerprint: string;
  builtAt: string;
}

export function snapshotPath(dataDir: string): string {
  return path.join(dataDir, SNAPSHOT_FILE);
}

/** Writes the snapshot beside its final name, then renames it over: a reader never sees half of one. */
export async function saveSnapshot(dataDir: string, snapshot: Snapshot): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const json: SnapshotJSON = {
    pipelineVersion: pipelineVersion(),
    fingerprint: snapshot.fingerprint,
    builtAt: snapshot.builtAt,
    articles: snapshot.library.articles,
    passages: snapshot.library.passages,
    index: snapshot.library.index.toJSON(),
  };
  const target = snapshotPath(dataDir);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(json));
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The saved snapshot, or null when there is none, or it is unreadable or from another pipeline. */
export async function loadSnapshot(dataDir: string): Promise<Snapshot | null> {
  let json: SnapshotJSON;
  try {
    json = JSON.parse(await readFile(snapshotPath(dataDir), "utf8")) as SnapshotJSON;
  } catch {
    return null;
  }
  if (json?.pipelineVersion !== pipelineVersion() || !Array.isArray(json.passages) || !json.index) return null;
  try {
    const index = PassageIndex.fromJSON(json.index);
    return { library: { articles: json.articles, passages: json.passages, index }, fingerprint: json.fingerprint, builtAt: json.builtAt };
  } catch {
    return null;
  }
}
