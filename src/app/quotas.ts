import type { Quotas } from "../limits.js";
import { literal, ProseError } from "../prose.js";

/** A quota reached: what the user reads names it and says what to do. */
export class QuotaError extends ProseError {
  override name = "QuotaError";
}

const WINDOW_MS = 60_000;

/**
 * What each server may do at once and per minute, beside what it may keep (corpusEditor.ts): edits
 * (and reindexes) a minute, and pages being fetched, for the server and for the whole bot. The
 * console and the command line (no server) are the owner's, and never held back.
 */
export class ServerQuotas {
  /** Each server's recent edits, oldest first. */
  private readonly edits = new Map<string, number[]>();
  private readonly fetching = new Map<string, number>();
  private fetchingTotal = 0;

  constructor(
    private readonly quotas: Pick<Quotas, "editsPerServerPerMinute" | "linkFetchesPerServer" | "linkFetchesTotal">,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts an edit of the server's articles; throws QuotaError, saying when to try again, past SERVER_EDITS_PER_MINUTE. */
  takeEdit(guildId: string | null): void {
    if (guildId === null) return;
    const now = this.now();
    const recent = (this.edits.get(guildId) ?? []).filter((at) => now - at < WINDOW_MS);
    const max = this.quotas.editsPerServerPerMinute;
    if (recent.length >= max) {
      const wait = Math.max(1, Math.ceil((recent[0]! + WINDOW_MS - now) / 1000));
      this.edits.set(guildId, recent);
      throw new QuotaError([
        `This server's articles have changed ${max} times in the last minute, the most allowed (`,
        literal("SERVER_EDITS_PER_MINUTE"),
        `): try again in ${wait} s.`,
      ]);
    }
    recent.push(now);
    this.edits.set(guildId, recent);
    if (this.edits.size > 10_000) this.forgetIdle(now);
  }

  /**
   * A page fetch for the server, counted while `work` runs; throws QuotaError at once when the
   * server, or the whole bot, is fetching as many pages as it may.
   */
  async whileFetching<T>(guildId: string | null, link: string, work: () => Promise<T>): Promise<T> {
    const key = guildId ?? "";
    const own = this.fetching.get(key) ?? 0;
    if (guildId !== null && own >= this.quotas.linkFetchesPerServer)
      throw new QuotaError([
        `This server is already fetching ${own === 1 ? "a page" : `${own} pages`}, the most at once (`,
        literal("LINK_FETCHES_PER_SERVER"),
        "): add ",
        literal(link),
        ` when ${own === 1 ? "it has" : "they have"} finished.`,
      ]);
    if (guildId !== null && this.fetchingTotal >= this.quotas.linkFetchesTotal)
      throw new QuotaError([
        `Citebot is fetching ${this.fetchingTotal} pages for other servers, the most at once (`,
        literal("LINK_FETCHES_TOTAL"),
        "): try again in a minute.",
      ]);
    this.fetching.set(key, own + 1);
    this.fetchingTotal++;
    try {
      return await work();
    } finally {
      this.fetchingTotal--;
      const left = (this.fetching.get(key) ?? 1) - 1;
      if (left > 0) this.fetching.set(key, left);
      else this.fetching.delete(key);
    }
  }

  private forgetIdle(now: number): void {
    for (const [id, times] of this.edits) if (times.every((at) => now - at >= WINDOW_MS)) this.edits.delete(id);
  }
}
