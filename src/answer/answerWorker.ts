import { statSync } from "node:fs";
import type { AnswerJobs, EngineRef } from "../pool/jobs.js";
import { serveJobs } from "../pool/serve.js";
import { loadSnapshot, readSnapshotHeader, snapshotPath } from "../store/snapshot.js";
import { Engine } from "./engine.js";
import { SearchScope } from "./scope.js";

/**
 * Worker thread: answers questions off the bot's event loop. It keeps the indexes it has loaded from
 * their snapshots (the shared corpus's, and servers' own, least recently used let go past the
 * budget) and answers from exactly the version the bot serves: a snapshot on disk of another build
 * (a reindex not yet swapped in, or an index the bot could not save) is "stale", and the bot then
 * answers itself.
 */
const loaded = new Map<string, { engine: Engine; bytes: number; pinned: boolean }>();

/** An index's memory, reckoned from its snapshot file (the bench measures about twice the file). */
const MEMORY_PER_SNAPSHOT_BYTE = 2;

/** The engine of that build; null when the snapshot on disk is of another. The shared corpus's is `pinned`: never let go. */
async function engineFor(ref: EngineRef, budgetBytes: number, pinned = false): Promise<Engine | null> {
  const hit = loaded.get(ref.dataDir);
  if (hit && same(hit.engine, ref)) {
    loaded.delete(ref.dataDir);
    loaded.set(ref.dataDir, hit);
    return hit.engine;
  }
  // The header says which build is on disk: another one is not read at all.
  const header = readSnapshotHeader(ref.dataDir);
  if (header?.builtAt !== ref.builtAt || header.fingerprint !== ref.fingerprint) return null;
  const { snapshot } = await loadSnapshot(ref.dataDir);
  if (!snapshot) return null;
  const engine = new Engine(snapshot.library, snapshot.builtAt, snapshot.fingerprint);
  if (!same(engine, ref)) return null;
  loaded.delete(ref.dataDir);
  loaded.set(ref.dataDir, { engine, bytes: sizeOf(ref.dataDir), pinned });
  letGo(budgetBytes, ref.dataDir);
  return engine;
}

const same = (engine: Engine, ref: EngineRef) => engine.builtAt === ref.builtAt && engine.corpusFingerprint === ref.fingerprint;

function sizeOf(dataDir: string): number {
  try {
    return statSync(snapshotPath(dataDir)).size * MEMORY_PER_SNAPSHOT_BYTE;
  } catch {
    return 0;
  }
}

/** Least recently used first, never the one just asked for nor a pinned one. */
function letGo(budgetBytes: number, keep: string): void {
  let bytes = 0;
  for (const entry of loaded.values()) bytes += entry.bytes;
  for (const [dataDir, entry] of loaded) {
    if (bytes <= budgetBytes) return;
    if (dataDir === keep || entry.pinned) continue;
    loaded.delete(dataDir);
    bytes -= entry.bytes;
  }
}

serveJobs<AnswerJobs>({
  async ask({ shared, server, question, options, budgetBytes }) {
    const sharedEngine = await engineFor(shared, budgetBytes, true);
    if (!sharedEngine) return { stale: "shared" };
    const serverEngine = server ? await engineFor(server, budgetBytes) : null;
    if (server && !serverEngine) return { stale: "server" };
    return { answer: new SearchScope(sharedEngine, serverEngine).ask(question, options) };
  },
  async load({ ref, budgetBytes, pinned }) {
    const engine = await engineFor(ref, budgetBytes, pinned);
    // One question answered and thrown away: the language model and the compiled code are ready for the first real one.
    engine?.ask("Who said what, and when?");
    return { loaded: engine !== null };
  },
});
