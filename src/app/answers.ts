import type { AskOptions } from "../answer/ask.js";
import type { Engine } from "../answer/engine.js";
import { SearchScope } from "../answer/scope.js";
import type { Answer } from "../answer/types.js";
import { ANSWER_DEADLINE_MS, LONGEST_WAIT_FOR_AN_ANSWER_MS, type Quotas } from "../limits.js";
import type { AnswerJobs, EngineRef } from "../pool/jobs.js";
import { JobDeadlineError, WorkerPool } from "../pool/pool.js";
import { ProseError } from "../prose.js";
import { FairQueue } from "./fairQueue.js";

const WORKER = new URL("../answer/answerWorker.ts", import.meta.url);

/** An index as it is served: its engine, and the folder its snapshot is saved in. */
export interface Served {
  engine: Engine;
  dataDir: string;
}

/**
 * A server's index as a question needs it: which build it is, for an answer thread to load; and its
 * engine, loaded on this thread only when a thread cannot answer (no threads, or no snapshot of it).
 */
export interface ServedLazily {
  ref: EngineRef;
  engine(): Promise<Engine>;
}

/** What a question is asked of: the shared corpus, and the server's own articles when it has some. */
export interface AskedOf {
  shared: Served;
  server: ServedLazily | null;
}

/** Until answers have been timed, one is reckoned to take this long (a question over a large corpus, on a busy machine). */
const INITIAL_ANSWER_MS = 40;

/** A question Citebot gave up on: it took longer than any answer should. */
export class AnswerTookTooLongError extends ProseError {
  override name = "AnswerTookTooLongError";
}

/**
 * Questions answered in turn across servers (fairQueue.ts), on threads of their own so the bot's
 * event loop stays free for Discord (heartbeats, acknowledgements, other servers' clicks), or, with
 * no threads, on the bot's thread one at a time between its other work. A thread answers from the
 * snapshot of exactly the build the bot serves; an index it cannot load that way (never saved) is
 * answered on the bot's thread.
 */
export class Answers {
  private readonly threads: WorkerPool<AnswerJobs> | null;
  private readonly queue: FairQueue;
  /** Builds no thread can load (never saved as a snapshot), by folder and build: answered here. */
  private readonly unloadable = new Set<string>();

  constructor(
    quotas: Pick<Quotas, "answerThreads" | "questionsWaitingPerServer" | "questionsWaitingTotal">,
    /** Memory a thread's indexes may take together before the least recently used are let go. */
    private readonly budgetBytes: number,
  ) {
    const threads = quotas.answerThreads;
    this.threads =
      threads > 0
        ? new WorkerPool<AnswerJobs>({ name: "the answer thread", module: WORKER, size: threads, maxQueued: threads, recycle: "never" })
        : null;
    this.queue = new FairQueue({
      concurrency: Math.max(1, threads),
      perLane: quotas.questionsWaitingPerServer,
      total: quotas.questionsWaitingTotal,
      longestWaitMs: LONGEST_WAIT_FOR_AN_ANSWER_MS,
      initialCostMs: INITIAL_ANSWER_MS,
      words: { tasks: "questions", lane: "from this server" },
    });
  }

  /** How long until a question asked now in this lane (a server) would be answered. */
  expectedWaitMs(lane: string): number {
    return this.queue.expectedWaitMs(lane);
  }

  get backlog(): { waiting: number; running: number; answerMs: number } {
    return { ...this.queue.backlog, answerMs: this.queue.taskCostMs };
  }

  /**
   * Answers when its turn comes; `onQueued` hears at once how long that is reckoned to take. Throws
   * QueueFullError, with a sentence for the asker, when the wait would be too long.
   */
  ask(lane: string, of: AskedOf, question: string, options: AskOptions = {}, onQueued?: (expectedMs: number) => void): Promise<Answer> {
    return this.queue.run(lane, () => this.answer(of, question, options), onQueued);
  }

  /** Loads an index into a thread before the first question needs it (the shared corpus's, at start). */
  async warm(served: Served): Promise<void> {
    await this.threads?.run("load", { ref: refOf(served), budgetBytes: this.budgetBytes, pinned: true }).catch(() => {});
  }

  async close(): Promise<void> {
    await this.threads?.close();
  }

  private async answer(of: AskedOf, question: string, options: AskOptions): Promise<Answer> {
    const here = async () => new SearchScope(of.shared.engine, (await of.server?.engine()) ?? null).ask(question, options);
    const shared = refOf(of.shared);
    const server = of.server?.ref ?? null;
    if (!this.threads || this.unloadable.has(keyOf(shared)) || (server && this.unloadable.has(keyOf(server)))) return here();
    let output: AnswerJobs["ask"]["output"];
    try {
      output = await this.threads.run(
        "ask",
        { shared, server, question, options, budgetBytes: this.budgetBytes },
        { deadlineMs: ANSWER_DEADLINE_MS },
      );
    } catch (error) {
      if (!(error instanceof JobDeadlineError)) throw error;
      throw new AnswerTookTooLongError([
        `That question took Citebot longer than ${ANSWER_DEADLINE_MS / 1000} s, so it stopped; please ask it in fewer words.`,
      ]);
    }
    if ("answer" in output) return output.answer;
    if (this.unloadable.size > 10_000) this.unloadable.clear();
    this.unloadable.add(keyOf(output.stale === "server" && server ? server : shared));
    return here();
  }
}

const keyOf = (ref: EngineRef) => `${ref.dataDir}\n${ref.builtAt}\n${ref.fingerprint}`;
export const refOf = ({ engine, dataDir }: Served): EngineRef => ({
  dataDir,
  builtAt: engine.builtAt,
  fingerprint: engine.corpusFingerprint,
});
