import { watch } from "node:fs";
import path from "node:path";
import { Engine } from "../answer/engine.js";
import { loadSnapshot, snapshotPath } from "../store/snapshot.js";

export interface FollowedEngine {
  get(): Engine;
  set(engine: Engine): void;
  /** While a reindex of our own runs, its result is what will serve: a file event then is ours. */
  reindexing(): boolean;
}

/** How long a burst of file events (a snapshot being renamed into place) settles before it is read. */
const SETTLE_MS = 300;

/**
 * Follows the snapshot file in `dataDir`: when another process (another shard's reindex) saves a new
 * one, load it and swap it in. Returns a function that stops following.
 */
export function followSnapshot(
  dataDir: string,
  engine: FollowedEngine,
  onSwap: (engine: Engine) => void,
  onError: (error: unknown) => void,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  const reload = async () => {
    const loaded = await loadSnapshot(dataDir);
    if (!loaded.snapshot || engine.reindexing()) return;
    const { library, builtAt, fingerprint } = loaded.snapshot;
    const current = engine.get();
    if (builtAt === current.builtAt && fingerprint === current.corpusFingerprint) return;
    const next = new Engine(library, builtAt, fingerprint);
    engine.set(next);
    onSwap(next);
  };
  let watcher: ReturnType<typeof watch>;
  try {
    watcher = watch(dataDir, (_event, name) => {
      if (name !== path.basename(snapshotPath(dataDir))) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload().catch(onError), SETTLE_MS);
    });
  } catch (error) {
    // DATA_DIR missing or unreadable: this shard serves what it loaded, and says why it cannot follow.
    onError(error);
    return () => {};
  }
  watcher.on("error", onError);
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
