import type { AskOptions } from "../answer/ask.js";
import type { Engine } from "../answer/engine.js";
import { SearchScope } from "../answer/scope.js";
import type { Answer } from "../answer/types.js";
import type { Folders } from "../build/open.js";
import { reindexPool } from "../build/rebuildInWorker.js";
import type { Caller } from "../commandKit/caller.js";
import type { CorpusWarning } from "../corpus/warnings.js";
import { DEFAULT_QUOTAS, type Quotas } from "../limits.js";
import { extractionPool } from "../link/articleFromLink.js";
import type { FetchPolicy } from "../link/safeFetch.js";
import type { ExtractJobs, ReindexJobs } from "../pool/jobs.js";
import type { PoolLease } from "../pool/pool.js";
import { prose } from "../prose.js";
import { Answers } from "./answers.js";
import { Cooldown } from "./cooldown.js";
import { Corpus } from "./corpus.js";
import type { AuditRecord } from "./editJournal.js";
import { ServerQuotas } from "./quotas.js";
import { ServerCorpora } from "./serverCorpora.js";
import { ServerSettingsStore } from "./serverSettings.js";

export interface CitebotOptions {
  moderatorRoleIds?: readonly string[];
  askCooldownSeconds?: number;
  /** The one server whose moderators manage the shared corpus. */
  curatorGuildId?: string | null;
  /** How much memory servers' own indexes may take together (in this thread, and in each answer thread). */
  serverIndexBudgetBytes?: number;
  onServerWarnings?: (guildId: string, warnings: CorpusWarning[]) => void;
  /** Edits a stopped process left unreported, settled when their corpus is next opened. */
  onRecoveredEdits?: (records: AuditRecord[]) => void;
  /** A server's settings file that cannot be used (the defaults apply meanwhile). */
  onSettingsProblem?: (guildId: string, problem: string) => void;
  /** Hosts a linked page may be fetched from though they resolve to private addresses (tests, intranets). */
  allowedPrivateHosts?: readonly string[];
  /** Reindex on this thread, not in a worker: for the command line, which serves nothing meanwhile. */
  buildInProcess?: boolean;
  /**
   * What each server may keep and do, and the threads the work shares; the defaults of limits.ts for
   * any not given, but for `answerThreads`: 0 unless given (answers on this thread, as the console
   * and the command line want); the bot's configuration gives ANSWER_THREADS.
   */
  quotas?: Partial<Quotas>;
}

const DEFAULT_SERVER_BUDGET = 4096 * 1024 * 1024;

/**
 * The running bot, as commands see it: the shared corpus (the owner's folder, answered everywhere),
 * each server's own articles (serverCorpora.ts) and settings, who moderates, how often one may ask,
 * what each server may keep and do (quotas), and the threads heavy work runs on: answers, reindexes
 * and pages being read, so that none of it holds up the bot's event loop. Where a command runs
 * decides what it searches (`answer`, `scopeFor`) and which articles its moderators manage (`manage`).
 */
export class Citebot {
  readonly shared: Corpus;
  readonly servers: ServerCorpora;
  readonly settings: ServerSettingsStore;
  readonly moderatorRoleIds: readonly string[];
  /** Limits how often one user may /ask. */
  readonly askCooldown: Cooldown;
  readonly curatorGuildId: string | null;
  /** How linked pages are fetched (/corpus add url:). */
  readonly linkPolicy: FetchPolicy;
  readonly quotas: Quotas;
  /** Edits a minute and pages being fetched, each server's and the bot's. */
  readonly serverQuotas: ServerQuotas;
  /** Questions answered in turn across servers, on the answer threads. */
  readonly answers: Answers;
  /** Threads pages are read on: a page that takes too long or too much memory ends its thread, not the bot. */
  readonly extraction: PoolLease<ExtractJobs>;
  /** This bot's share of the process's reindex threads (REINDEX_THREADS in all). */
  private readonly reindexThreads: PoolLease<ReindexJobs> | null;
  private readonly onRecoveredEdits?: (records: AuditRecord[]) => void;

  constructor(engine: Engine, folders: Folders, options: CitebotOptions = {}) {
    this.quotas = { ...DEFAULT_QUOTAS, answerThreads: 0, ...options.quotas };
    this.reindexThreads = options.buildInProcess ? null : reindexPool(this.quotas.reindexThreads).lease();
    this.shared = new Corpus(engine, folders, { kind: "shared" }, { reindexThreads: this.reindexThreads });
    this.moderatorRoleIds = options.moderatorRoleIds ?? [];
    this.askCooldown = new Cooldown(options.askCooldownSeconds ?? 0);
    this.curatorGuildId = options.curatorGuildId ?? null;
    this.linkPolicy = { allowedPrivateHosts: (options.allowedPrivateHosts ?? []).map((h) => h.toLowerCase()) };
    this.serverQuotas = new ServerQuotas(this.quotas);
    this.onRecoveredEdits = options.onRecoveredEdits;
    const budgetBytes = options.serverIndexBudgetBytes ?? DEFAULT_SERVER_BUDGET;
    this.answers = new Answers(this.quotas, budgetBytes);
    this.extraction = extractionPool(this.quotas.linkFetchesTotal).lease();
    this.settings = new ServerSettingsStore(folders.dataDir, options.onSettingsProblem);
    this.servers = new ServerCorpora(folders.dataDir, {
      budgetBytes,
      takenElsewhere: (id) =>
        this.shared.engine.hasArticle(id)
          ? prose`The shared articles already have one with the id ${id}: rename the file to give this one another id.`
          : null,
      quota: { articles: this.quotas.articlesPerServer, bytes: this.quotas.bytesPerServer, trashBytes: this.quotas.trashBytesPerServer },
      reindexThreads: this.reindexThreads,
      onWarnings: options.onServerWarnings,
      onRecovered: (_guildId, records) => this.onRecoveredEdits?.(records),
    });
  }

  /** The shared corpus's engine. */
  get engine(): Engine {
    return this.shared.engine;
  }

  get folders(): Folders {
    return this.shared.folders;
  }

  /** Settles the shared corpus's edits that a stopped process left unreported (at start). */
  async recoverEdits(): Promise<void> {
    const records = await this.shared.recoverEdits().catch(() => []);
    if (records.length > 0) this.onRecoveredEdits?.(records);
  }

  /** What a question asked in `guildId` searches: the shared corpus, and the server's own articles if it has any. */
  async scopeFor(guildId: string | null): Promise<SearchScope> {
    const own = await this.ownCorpus(guildId);
    return new SearchScope(this.shared.engine, own?.engine ?? null);
  }

  /**
   * The answer to a question asked by `caller`, in its turn among the questions waiting (a server's
   * turn, or in a DM the user's); `onQueued` hears how long until it is answered, as reckoned when
   * it joins the queue (a transport acknowledges first when that is long). Throws QueueFullError,
   * with a sentence for the asker, when it would wait too long.
   */
  async answer(caller: Caller, question: string, options: AskOptions = {}, onQueued?: (expectedMs: number) => void): Promise<Answer> {
    const { guildId } = caller;
    // A server's index is named by its build: an answer thread loads it, this thread need not.
    const server = guildId === null || guildId === this.curatorGuildId ? null : await this.servers.served(guildId);
    const of = { shared: { engine: this.shared.engine, dataDir: this.shared.folders.dataDir }, server };
    return this.answers.ask(laneOf(caller), of, question, options, onQueued);
  }

  /**
   * The articles moderators in `guildId` manage: that server's own; the shared corpus in the curator
   * server, and at this machine (the console and the CLI, `guildId` null). Read-only: an edit or a
   * reindex goes through `manage`.
   */
  async corpusFor(guildId: string | null, { create = true }: { create?: boolean } = {}): Promise<Corpus | null> {
    if (guildId === null || guildId === this.curatorGuildId) return this.shared;
    return this.servers.get(guildId, { create });
  }

  /**
   * Runs `work` on the articles moderators in `guildId` manage, held throughout (never let go from
   * memory meanwhile, so a page being fetched and the edit after it reach the corpus that serves).
   */
  async manage<T>(guildId: string | null, work: (corpus: Corpus) => Promise<T>): Promise<T> {
    const held =
      guildId === null || guildId === this.curatorGuildId
        ? { corpus: this.shared, release: this.shared.hold() }
        : await this.servers.hold(guildId);
    try {
      return await work(held.corpus);
    } finally {
      held.release();
    }
  }

  /**
   * At shutdown: ends this bot's answer threads, and its reindexes and pages on the process's shared
   * threads (jobs in flight fail); the shared threads stay for any other user, an idle one never
   * keeping the process alive.
   */
  async close(): Promise<void> {
    this.extraction.close();
    this.reindexThreads?.close();
    await this.answers.close();
  }

  private ownCorpus(guildId: string | null): Promise<Corpus | null> {
    return guildId === null || guildId === this.curatorGuildId ? Promise.resolve(null) : this.servers.get(guildId);
  }
}

const laneOf = (caller: Caller) => caller.guildId ?? `user:${caller.id}`;
