import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type Folders, openEngine } from "../build/open.js";
import type { CorpusWarning } from "../corpus/warnings.js";
import type { Prose } from "../prose.js";
import { snapshotPath } from "../store/snapshot.js";
import { Corpus } from "./corpus.js";

/** The folder inside DATA_DIR that holds each server's own articles and index, one folder a server. */
export const SERVERS_FOLDER = "servers";

/** A server's id as Discord writes it (a snowflake): digits only, so it is always a safe folder name. */
const GUILD_ID = /^\d{1,20}$/;

/** Where a server's articles and index live: DATA_DIR/servers/<id>/articles, and its snapshot and trash beside them. */
export function serverFolders(dataDir: string, guildId: string): Folders {
  if (!GUILD_ID.test(guildId)) throw new RangeError(`not a server id: ${guildId}`);
  const dir = path.join(dataDir, SERVERS_FOLDER, guildId);
  return { corpusDir: path.join(dir, "articles"), dataDir: dir };
}

/** Memory an index takes once loaded, reckoned from its snapshot (the bench measures serving at about twice the file)… */
const MEMORY_PER_SNAPSHOT_BYTE = 2;
/**
 * …and its word vectors: typed arrays as stored, and a map of its words (about 5 MB of file a library,
 * most of it common English words; the bench measures 1.7 times the file in memory).
 */
const MEMORY_PER_VECTORS_BYTE = 1.7;
/** Reckoned for an index not saved (DATA_DIR read-only): per passage, besides the snapshot's share. */
const MEMORY_PER_PASSAGE = 1_500;

interface Loaded {
  corpus: Corpus;
  bytes: number;
}

export interface ServerCorporaOptions {
  /** How much memory servers' indexes may take together; the least recently used are let go beyond it. */
  budgetBytes: number;
  /** An id a server may not take because the shared corpus has it. */
  takenElsewhere: (id: string) => Prose | null;
  onWarnings?: (guildId: string, warnings: CorpusWarning[]) => void;
  buildInProcess?: boolean;
}

/**
 * Each server's own articles, loaded when the server first needs them and let go, least recently
 * used first, when together they would take more than the budget. A server whose index is busy (a
 * reindex or an edit) is never let go: the next request would load a second copy beside it.
 */
export class ServerCorpora {
  /** In order of use, the least recent first. */
  private readonly loaded = new Map<string, Loaded>();
  private readonly loading = new Map<string, Promise<Corpus>>();

  constructor(
    private readonly dataDir: string,
    private readonly options: ServerCorporaOptions,
  ) {}

  /** The server's corpus; null when it has never had articles and `create` is not asked. */
  async get(guildId: string, { create = false }: { create?: boolean } = {}): Promise<Corpus | null> {
    const hit = this.loaded.get(guildId);
    if (hit) {
      this.loaded.delete(guildId);
      this.loaded.set(guildId, hit);
      return hit.corpus;
    }
    // Only a server id Discord could send names a folder; asking elsewhere finds no articles of its own.
    if (!create && !GUILD_ID.test(guildId)) return null;
    const folders = serverFolders(this.dataDir, guildId);
    if (!create && !existsSync(folders.corpusDir)) return null;
    let pending = this.loading.get(guildId);
    if (!pending) {
      pending = this.load(guildId, folders).finally(() => this.loading.delete(guildId));
      this.loading.set(guildId, pending);
    }
    return pending;
  }

  /** Servers whose indexes are in memory now, and the memory reckoned for them. */
  get usage(): { servers: number; bytes: number } {
    let bytes = 0;
    for (const entry of this.loaded.values()) bytes += entry.bytes;
    return { servers: this.loaded.size, bytes };
  }

  private async load(guildId: string, folders: Folders): Promise<Corpus> {
    await mkdir(folders.corpusDir, { recursive: true });
    const opened = await openEngine(folders, { mayBeEmpty: true });
    if (opened.warnings.length > 0) this.options.onWarnings?.(guildId, opened.warnings);
    const corpus = new Corpus(
      opened.engine,
      folders,
      { kind: "server", guildId },
      {
        takenElsewhere: this.options.takenElsewhere,
        buildInProcess: this.options.buildInProcess,
      },
    );
    this.loaded.set(guildId, { corpus, bytes: reckon(folders, opened.engine.stats().passages) });
    this.letGo();
    return corpus;
  }

  private letGo(): void {
    let { bytes } = this.usage;
    for (const [id, entry] of this.loaded) {
      if (bytes <= this.options.budgetBytes || this.loaded.size === 1) return;
      if (entry.corpus.busy) continue;
      this.loaded.delete(id);
      bytes -= entry.bytes;
    }
  }
}

function reckon(folders: Folders, passages: number): number {
  try {
    const index = statSync(snapshotPath(folders.dataDir)).size * MEMORY_PER_SNAPSHOT_BYTE;
    const vectors = readdirSync(folders.dataDir)
      .filter((name) => name.startsWith("vectors-") && name.endsWith(".snapshot"))
      .reduce((sum, name) => sum + statSync(path.join(folders.dataDir, name)).size, 0);
    return index + vectors * MEMORY_PER_VECTORS_BYTE;
  } catch {
    return passages * MEMORY_PER_PASSAGE;
  }
}
