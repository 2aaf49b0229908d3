import type { Engine } from "../answer/engine.js";
import { SearchScope } from "../answer/scope.js";
import type { Folders } from "../build/open.js";
import type { CorpusWarning } from "../corpus/warnings.js";
import type { FetchPolicy } from "../link/safeFetch.js";
import { prose } from "../prose.js";
import { Cooldown } from "./cooldown.js";
import { Corpus } from "./corpus.js";
import { ServerCorpora } from "./serverCorpora.js";

export interface CitebotOptions {
  moderatorRoleIds?: readonly string[];
  askCooldownSeconds?: number;
  /** The one server whose moderators manage the shared corpus. */
  curatorGuildId?: string | null;
  /** How much memory servers' own indexes may take together. */
  serverIndexBudgetBytes?: number;
  onServerWarnings?: (guildId: string, warnings: CorpusWarning[]) => void;
  /** Hosts a linked page may be fetched from though they resolve to private addresses (tests, intranets). */
  allowedPrivateHosts?: readonly string[];
  /** Reindex on this thread, not in a worker: for the command line, which serves nothing meanwhile. */
  buildInProcess?: boolean;
}

const DEFAULT_SERVER_BUDGET = 4096 * 1024 * 1024;

/**
 * The running bot, as commands see it: the shared corpus (the owner's folder, answered everywhere),
 * each server's own articles (serverCorpora.ts), who moderates and how often one may ask. Where a
 * command runs decides what it searches (`scopeFor`) and which articles its moderators manage (`corpusFor`).
 */
export class Citebot {
  readonly shared: Corpus;
  readonly servers: ServerCorpora;
  readonly moderatorRoleIds: readonly string[];
  /** Limits how often one user may /ask. */
  readonly askCooldown: Cooldown;
  readonly curatorGuildId: string | null;
  /** How linked pages are fetched (/corpus add url:). */
  readonly linkPolicy: FetchPolicy;

  constructor(engine: Engine, folders: Folders, options: CitebotOptions = {}) {
    this.shared = new Corpus(engine, folders, { kind: "shared" }, { buildInProcess: options.buildInProcess });
    this.moderatorRoleIds = options.moderatorRoleIds ?? [];
    this.askCooldown = new Cooldown(options.askCooldownSeconds ?? 0);
    this.curatorGuildId = options.curatorGuildId ?? null;
    this.linkPolicy = { allowedPrivateHosts: (options.allowedPrivateHosts ?? []).map((h) => h.toLowerCase()) };
    this.servers = new ServerCorpora(folders.dataDir, {
      budgetBytes: options.serverIndexBudgetBytes ?? DEFAULT_SERVER_BUDGET,
      takenElsewhere: (id) =>
        this.shared.engine.hasArticle(id)
          ? prose`The shared articles already have one with the id ${id}: rename the file to give this one another id.`
          : null,
      onWarnings: options.onServerWarnings,
      buildInProcess: options.buildInProcess,
    });
  }

  /** The shared corpus's engine. */
  get engine(): Engine {
    return this.shared.engine;
  }

  get folders(): Folders {
    return this.shared.folders;
  }

  /** What a question asked in `guildId` searches: the shared corpus, and the server's own articles if it has any. */
  async scopeFor(guildId: string | null): Promise<SearchScope> {
    const own = guildId === null || guildId === this.curatorGuildId ? null : await this.servers.get(guildId);
    return new SearchScope(this.shared.engine, own?.engine ?? null);
  }

  /**
   * The articles moderators in `guildId` manage: that server's own; the shared corpus in the curator
   * server, and at this machine (the console and the CLI, `guildId` null).
   */
  async corpusFor(guildId: string | null, { create = true }: { create?: boolean } = {}): Promise<Corpus | null> {
    if (guildId === null || guildId === this.curatorGuildId) return this.shared;
    return this.servers.get(guildId, { create });
  }
}
