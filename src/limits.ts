/**
 * Citebot's own limits, each with its reason: what keeps one server, one page or one burst from
 * slowing or breaking the bot for everyone else. Discord's limits are in discord/limits.ts; a corpus
 * file's size limits in corpus/files.ts. The quotas can be changed by environment variables (config.ts);
 * what a user reads when one is reached names it and says what to do.
 */

/** A server's own articles: each server may keep this many, and this much text with its metadata. */
export interface Quotas {
  /** SERVER_MAX_ARTICLES: a newsroom's year of picked stories, far more than a community keeps at hand. */
  articlesPerServer: number;
  /** SERVER_MAX_MB: the articles' files together; 20 MB is thousands of news articles. */
  bytesPerServer: number;
  /** SERVER_TRASH_MB: removed and replaced versions kept for the owner; past it, the oldest go first. */
  trashBytesPerServer: number;
  /** SERVER_EDITS_PER_MINUTE: each edit reindexes the server's articles; a burst of them would hold a reindex thread. */
  editsPerServerPerMinute: number;
  /** LINK_FETCHES_PER_SERVER: pages one server may be fetching at once. */
  linkFetchesPerServer: number;
  /** LINK_FETCHES_TOTAL: pages being fetched at once in the whole bot (each page up to 5 MB in memory, then a thread to read it). */
  linkFetchesTotal: number;
  /** REINDEX_THREADS: reindexes running at once in the whole bot; more wait their turn. */
  reindexThreads: number;
  /**
   * ANSWER_THREADS: threads answering questions, so the bot's own thread stays free for Discord. Each
   * holds the indexes it answers from (the shared one, and servers' within SERVER_INDEX_MEMORY_MB).
   */
  answerThreads: number;
  /** QUESTIONS_WAITING_PER_SERVER: questions of one server waiting to be answered; more are refused until it drains. */
  questionsWaitingPerServer: number;
  /** QUESTIONS_WAITING_TOTAL: questions of all servers waiting to be answered. */
  questionsWaitingTotal: number;
}

export const DEFAULT_QUOTAS: Quotas = {
  articlesPerServer: 1_000,
  bytesPerServer: 20 * 1024 * 1024,
  trashBytesPerServer: 20 * 1024 * 1024,
  editsPerServerPerMinute: 10,
  linkFetchesPerServer: 1,
  linkFetchesTotal: 4,
  reindexThreads: 2,
  answerThreads: 1,
  questionsWaitingPerServer: 2_000,
  questionsWaitingTotal: 10_000,
};

/**
 * Discord gives an interaction 3 s to be acknowledged. A reply expected later than this is deferred
 * first (Discord shows "thinking…"), leaving time for the request itself on a slow network.
 */
export const DEFER_WHEN_REPLY_LATER_THAN_MS = 1_000;
/**
 * Connections to Discord's API at once. A burst of acknowledgements shares them, queued, rather than
 * opening (and handshaking) a connection each: 1,000 at once were acknowledged sooner this way.
 */
export const DISCORD_CONNECTIONS = 64;
/** Whatever the estimate said, a reply not sent this long after the interaction arrived is deferred. */
export const DEFER_AT_THE_LATEST_MS = 1_500;
/**
 * An interaction's token lets the bot answer for 15 minutes. A question expected to wait longer
 * than this is refused at once rather than left to fail.
 */
export const LONGEST_WAIT_FOR_AN_ANSWER_MS = 12 * 60_000;
/** A question's answer taking this long is a fault: its thread is ended and the asker told. */
export const ANSWER_DEADLINE_MS = 30_000;

/**
 * `/corpus add url:` from the link to the article stored: fetching, reading the page and checking it
 * all count. A page that needs longer is refused; the moderator can attach its text instead.
 */
export const ADD_BY_LINK_WITHIN_MS = 20_000;
/** Reading the article out of a fetched page, on a thread of its own, ended if it runs longer. */
export const EXTRACT_DEADLINE_MS = 10_000;
/** A page being read may take this much memory; a page that needs more is refused. */
export const EXTRACT_HEAP_MB = 512;

/** A reindex of a server's own articles (at most SERVER_MAX_MB of text) is ended if it runs this long. */
export const SERVER_REINDEX_DEADLINE_MS = 10 * 60_000;

/** One user may report a wrong speaker or quote this often. */
export const REPORT_EVERY_SECONDS = 60;
/**
 * Reports for one channel are posted one message at a time, at most one every this often (Discord
 * allows 5 messages in 5 s a channel); reports that arrive meanwhile go out together as one digest.
 */
export const REPORT_POST_SPACING_MS = 2_000;
/** Reports waiting for one channel; past it, later ones are only counted (every one is in the audit log). */
export const REPORTS_WAITING_PER_CHANNEL = 200;
