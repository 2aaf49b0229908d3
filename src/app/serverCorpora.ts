import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Engine } from "../answer/engine.js";
import type { Folders } from "../build/open.js";
import { readCorpusFolder, releaseBytes } from "../corpus/folder.js";
import type { CorpusWarning } from "../corpus/warnings.js";
import { buildLibrary } from "../library/build.js";
import type { EngineRef, ReindexJobs } from "../pool/jobs.js";
import type { JobRunner } from "../pool/pool.js";
import type { Prose } from "../prose.js";
import { corpusFingerprint } from "../store/fingerprint.js";
import { pipelineVersion } from "../store/pipelineVersion.js";
import { loadSnapshot, readSnapshotHeader, snapshotPath } from "../store/snapshot.js";
import { refOf, type ServedLazily } from "./answers.js";
import { Corpus } from "./corpus.js";
import type { CorpusQuota } from "./corpusEditor.js";
import type { AuditRecord } from "./editJournal.js";

/** The folder inside DATA_DIR that holds each server's own articles and index, one folder a server. */
export const SERVERS_FOLDER = "servers";

/** A server's id as Discord writes it (a snowflake): digits only, so it is always a safe folder name. */
export const GUILD_ID = /^\d{17,20}$/;

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

/** A server's corpus held for an edit or a reindex: it stays the one in memory until released. */
export interface Held {
  corpus: Corpus;
  release(): void;
}

export interface ServerCorporaOptions {
  /** How much memory servers' indexes may take together; the least recently used are let go beyond it. */
  budgetBytes: number;
  /** An id a server may not take because the shared corpus has it. */
  takenElsewhere: (id: string) => Prose | null;
  /** How much each server may keep. */
  quota: CorpusQuota;
  /** The process's reindex threads; none: built on this thread (the command line). */
  reindexThreads: JobRunner<ReindexJobs> | null;
  onWarnings?: (guildId: string, warnings: CorpusWarning[]) => void;
  /** Edits a stopped process left unreported, settled when the server is next loaded (EditJournal.recover). */
  onRecovered?: (guildId: string, records: AuditRecord[]) => void;
}

/**
 * Each server's own articles, loaded when the server first needs them and let go, least recently
 * used first, when together they would take more than the budget. A server whose corpus is busy (held
 * for an edit from its first step, or reindexing) is never let go, so there is never a second
 * corpus for one folder in memory: one writer a folder.
 */
export class ServerCorpora {
  /** In order of use, the least recent first. */
  private readonly loaded = new Map<string, Loaded>();
  private readonly loading = new Map<string, Promise<Corpus>>();
  /** Servers not loaded here whose saved index is known to match their articles: which build, and how many articles. */
  private readonly saved = new Map<string, { ref: EngineRef; articles: number }>();

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
    if (!GUILD_ID.test(guildId)) return null;
    const folders = serverFolders(this.dataDir, guildId);
    if (!create && !existsSync(folders.corpusDir)) return null;
    let pending = this.loading.get(guildId);
    if (!pending) {
      pending = this.load(guildId, folders).finally(() => this.loading.delete(guildId));
      this.loading.set(guildId, pending);
    }
    return pending;
  }

  /**
   * The server's corpus, held (see Held) before anything else can let it go; made when it has none.
   * A corpus let go in the moment between its loading and its holding is never the one held: the
   * one in memory is taken instead.
   */
  async hold(guildId: string): Promise<Held> {
    for (;;) {
      const corpus = (await this.get(guildId, { create: true }))!;
      const release = corpus.hold();
      if (this.loaded.get(guildId)?.corpus === corpus) return { corpus, release };
      release();
    }
  }

  /**
   * The server's index as a question needs it, or null when it has no articles: which build serves,
   * read from its snapshot when that matches its articles, so an answer thread loads the index and
   * this thread need not (it loads it only if asked for the engine). A server whose snapshot does not
   * match is loaded (rebuilt on a reindex thread).
   */
  async served(guildId: string): Promise<ServedLazily | null> {
    const lazily = (ref: EngineRef, articles: number): ServedLazily | null =>
      articles === 0 ? null : { ref, engine: async () => (await this.get(guildId))?.engine ?? emptyEngine() };
    const hit = this.loaded.get(guildId)?.corpus;
    if (hit) return lazily(refOf({ engine: hit.engine, dataDir: hit.folders.dataDir }), hit.engine.articles.length);
    if (!GUILD_ID.test(guildId)) return null;
    const folders = serverFolders(this.dataDir, guildId);
    if (!existsSync(folders.corpusDir)) return null;
    const known = this.saved.get(guildId) ?? (await savedIndexOf(folders));
    if (known) {
      this.remember(guildId, known);
      return lazily(known.ref, known.articles);
    }
    const corpus = await this.get(guildId);
    return corpus ? lazily(refOf({ engine: corpus.engine, dataDir: folders.dataDir }), corpus.engine.articles.length) : null;
  }

  /** Servers whose indexes are in memory now, and the memory reckoned for them. */
  get usage(): { servers: number; bytes: number } {
    let bytes = 0;
    for (const entry of this.loaded.values()) bytes += entry.bytes;
    return { servers: this.loaded.size, bytes };
  }

  /**
   * A server's corpus from its saved index while its articles are unchanged; else rebuilt on a
   * reindex thread (never on the bot's), the saved index serving meanwhile if the rebuild fails.
   */
  private async load(guildId: string, folders: Folders): Promise<Corpus> {
    await mkdir(folders.corpusDir, { recursive: true });
    const { takenElsewhere, quota, reindexThreads } = this.options;
    const corpus = new Corpus(emptyEngine(), folders, { kind: "server", guildId }, { takenElsewhere, quota, reindexThreads });
    const recovered = await corpus.recoverEdits();
    if (recovered.length > 0) this.options.onRecovered?.(guildId, recovered);
    const folder = await readCorpusFolder(folders.corpusDir);
    const fingerprint = corpusFingerprint(folder, pipelineVersion());
    const header = readSnapshotHeader(folders.dataDir);
    const empty = folder.files.size === 0 && folder.problems.length === 0;
    releaseBytes(folder);
    const saved = header?.fingerprint === fingerprint ? await loadSnapshot(folders.dataDir) : null;
    if (empty && !header) {
      // A server with no articles yet has nothing to build: the empty index is the right one.
    } else if (saved?.snapshot) {
      corpus.serve(new Engine(saved.snapshot.library, saved.snapshot.builtAt, saved.snapshot.fingerprint));
    } else {
      const outcome = await corpus.reindex();
      if (outcome.ok && outcome.warnings.length > 0) this.options.onWarnings?.(guildId, outcome.warnings);
      if (!outcome.ok) await this.lastGoodIndex(guildId, corpus, outcome.message);
    }
    const entry = { corpus, bytes: reckon(folders, corpus.engine.stats().passages) };
    // An edit's reindex changes what the index takes: reckoned again, and others let go if need be.
    corpus.onServe = (engine) => {
      entry.bytes = reckon(folders, engine.stats().passages);
      this.letGo();
    };
    this.loaded.set(guildId, entry);
    this.saved.delete(guildId);
    this.letGo();
    return corpus;
  }

  /** A server whose articles cannot be indexed serves the index saved before, if it has one, and says why. */
  private async lastGoodIndex(guildId: string, corpus: Corpus, problem: string): Promise<void> {
    const { snapshot } = await loadSnapshot(corpus.folders.dataDir);
    if (snapshot) corpus.serve(new Engine(snapshot.library, snapshot.builtAt, snapshot.fingerprint));
    const serving = snapshot ? `the index saved at ${snapshot.builtAt} serves until it is fixed` : "it has no index until it is fixed";
    this.options.onWarnings?.(guildId, [{ kind: "index", text: `this server's articles cannot be indexed, so ${serving}. ${problem}` }]);
  }

  private letGo(): void {
    let { bytes } = this.usage;
    for (const [id, entry] of this.loaded) {
      if (bytes <= this.options.budgetBytes || this.loaded.size === 1) return;
      if (entry.corpus.busy) continue;
      this.loaded.delete(id);
      // What it served is what its snapshot holds (a process writes only the servers it serves).
      const { engine, folders } = entry.corpus;
      this.remember(id, { ref: refOf({ engine, dataDir: folders.dataDir }), articles: engine.articles.length });
      bytes -= entry.bytes;
    }
  }

  private remember(guildId: string, known: { ref: EngineRef; articles: number }): void {
    this.saved.delete(guildId);
    this.saved.set(guildId, known);
    // Least recently asked first: a bound on servers known without being loaded.
    if (this.saved.size > MAX_KNOWN_UNLOADED) this.saved.delete(this.saved.keys().next().value!);
  }
}

/** Servers whose saved index is remembered without being loaded (a few hundred bytes each). */
const MAX_KNOWN_UNLOADED = 100_000;

/** The build a server's snapshot holds when it matches the server's articles now; null when it does not (or there is none). */
async function savedIndexOf(folders: Folders): Promise<{ ref: EngineRef; articles: number } | null> {
  const header = readSnapshotHeader(folders.dataDir);
  if (!header?.builtAt || !header.fingerprint) return null;
  const folder = await readCorpusFolder(folders.corpusDir);
  const fingerprint = corpusFingerprint(folder, pipelineVersion());
  releaseBytes(folder);
  if (fingerprint !== header.fingerprint) return null;
  return { ref: { dataDir: folders.dataDir, builtAt: header.builtAt, fingerprint }, articles: header.articles ?? 0 };
}

const emptyEngine = () => new Engine(buildLibrary([]), new Date(0).toISOString(), "");

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
