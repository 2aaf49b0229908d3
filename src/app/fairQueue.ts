import { setImmediate as nextTurn } from "node:timers/promises";
import { ProseError } from "../prose.js";

export interface FairQueueOptions {
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks one lane may have waiting. */
  perLane: number;
  /** Tasks all lanes may have waiting. */
  total: number;
  /** A task expected to wait longer than this is refused. */
  longestWaitMs: number;
  /** What a task is reckoned to take until some have been timed. */
  initialCostMs: number;
  /** How the refusals read: "questions", "in this server". */
  words: { tasks: string; lane: string };
}

/** A task the queue will not take: too many wait in its lane or in all, or it would wait too long. */
export class QueueFullError extends ProseError {
  override name = "QueueFullError";
}

interface Task {
  run(): Promise<void>;
}

/** Weight of the newest timing in the running estimate of a task's cost. */
const COST_SMOOTHING = 0.1;

/**
 * Tasks run in turn across lanes (a lane a server): a server that sends a thousand questions at once
 * waits for its own, while another server's one question runs after at most one of each other
 * lane's. It knows its backlog, so a caller can tell how long a new task would wait (and acknowledge
 * first when that is long), and refuses what it could not run in time.
 */
export class FairQueue {
  /** Lanes with waiting tasks, in the order they are served next. */
  private readonly lanes = new Map<string, Task[]>();
  private waiting = 0;
  private running = 0;
  private costMs: number;

  constructor(private readonly options: FairQueueOptions) {
    this.costMs = options.initialCostMs;
  }

  /** How long a task is reckoned to take now (a running average of those timed). */
  get taskCostMs(): number {
    return this.costMs;
  }

  get backlog(): { waiting: number; running: number } {
    return { waiting: this.waiting, running: this.running };
  }

  /**
   * How long until a task added to `lane` now would be done: the tasks served before it in turn
   * (its own lane's, and of each other lane as many as its own has, plus one), spread over the
   * running slots, then its own.
   */
  expectedWaitMs(lane: string): number {
    const own = this.lanes.get(lane)?.length ?? 0;
    let ahead = own;
    for (const [other, tasks] of this.lanes) if (other !== lane) ahead += Math.min(tasks.length, own + 1);
    const busy = this.running >= this.options.concurrency ? 0.5 : 0;
    return ((ahead / this.options.concurrency + busy + 1) * this.costMs) | 0;
  }

  /**
   * Runs `work` when its turn comes; `onQueued` hears at once how long until it is done, as reckoned
   * now. Throws QueueFullError at once, with a sentence for the user, when it cannot be taken.
   */
  run<T>(lane: string, work: () => Promise<T> | T, onQueued?: (expectedMs: number) => void): Promise<T> {
    this.checkRoom(lane);
    onQueued?.(this.expectedWaitMs(lane));
    return new Promise<T>((resolve, reject) => {
      const task: Task = {
        run: async () => {
          const started = performance.now();
          try {
            resolve(await work());
          } catch (error) {
            reject(error);
          } finally {
            this.costMs += COST_SMOOTHING * (performance.now() - started - this.costMs);
          }
        },
      };
      const queue = this.lanes.get(lane);
      if (queue) queue.push(task);
      else this.lanes.set(lane, [task]);
      this.waiting++;
      this.pump();
    });
  }

  private checkRoom(lane: string): void {
    const { perLane, total, longestWaitMs, words } = this.options;
    const own = this.lanes.get(lane)?.length ?? 0;
    if (own >= perLane)
      throw new QueueFullError([
        `Citebot has ${own.toLocaleString("en-US")} ${words.tasks} waiting ${words.lane} already, the most it keeps waiting; please ask again in a minute.`,
      ]);
    if (this.waiting >= total)
      throw new QueueFullError([
        `Citebot has ${this.waiting.toLocaleString("en-US")} ${words.tasks} waiting already; please ask again in a minute.`,
      ]);
    const wait = this.expectedWaitMs(lane);
    if (wait > longestWaitMs) {
      const minutes = Math.ceil(wait / 60_000);
      throw new QueueFullError([
        `Citebot could not answer for about ${minutes} minute${minutes === 1 ? "" : "s"}, after Discord stops waiting for the answer; please ask again later.`,
      ]);
    }
  }

  /** Starts waiting tasks while slots are free, taking each lane in turn. */
  private pump(): void {
    while (this.running < this.options.concurrency && this.waiting > 0) {
      const [lane, tasks] = this.lanes.entries().next().value as [string, Task[]];
      const task = tasks.shift()!;
      this.lanes.delete(lane);
      // Served: to the back of the line, if it has more.
      if (tasks.length > 0) this.lanes.set(lane, tasks);
      this.waiting--;
      this.running++;
      void this.start(task);
    }
  }

  private async start(task: Task): Promise<void> {
    // The turn of the event loop between tasks lets the bot's I/O through when the work runs on its thread.
    await nextTurn();
    try {
      await task.run();
    } finally {
      this.running--;
      this.pump();
    }
  }
}
