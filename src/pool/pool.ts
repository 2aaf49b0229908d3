import { setMaxListeners } from "node:events";
import { type ResourceLimits, Worker } from "node:worker_threads";
import type { FromWorker, JobTable, ToWorker } from "./jobs.js";

/** Registers tsx in a worker, whoever started this process (tsx, vitest), then imports the worker's module. */
const BOOTSTRAP = new URL("./bootstrap.mjs", import.meta.url);

export interface PoolOptions {
  /** What the pool's work is called in errors and logs: "the index worker", "page extraction". */
  name: string;
  /** The worker's module: it calls serveJobs (serve.ts) with a handler for each kind of job. */
  module: URL;
  /** Threads at most, running one job each. */
  size: number;
  /** Jobs that may wait for a thread; one more is refused with PoolFullError. */
  maxQueued: number;
  /**
   * "after-each-job": a fresh thread for every job, ended when it answers, so nothing a job left
   * (memory, state) reaches the next (builds, hostile pages). "never": threads live on and keep what
   * they loaded (the answer threads' indexes).
   */
  recycle: "after-each-job" | "never";
  /**
   * With "after-each-job": a thread whose job's output this approves is kept for the next job instead
   * (it has loaded what every job needs, and its job left little behind), for `idleMs` at most.
   */
  keep?: { after: (output: unknown) => boolean; idleMs: number };
  /** Heap and stack limits of each thread: a job that needs more fails alone instead of the process. */
  resourceLimits?: ResourceLimits;
}

export interface RunOptions<Progress> {
  /** Ends the job, and the thread running it, this long after it starts running. */
  deadlineMs?: number;
  /** Ends the job whether it waits or runs. */
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Told how many jobs are ahead when this one has to wait for a thread. */
  onWait?: (ahead: number) => void;
  /** Buffers moved to the thread rather than copied. */
  transfer?: readonly ArrayBuffer[];
}

/** What runs jobs on a pool's threads: the pool itself, or a lease of it. */
export type JobRunner<J extends JobTable<J>> = Pick<WorkerPool<J>, "run">;

/** The pool's queue is full: the caller says so to its user rather than waiting without end. */
export class PoolFullError extends Error {
  override name = "PoolFullError";
}

/** A job ran past its deadline; its thread was ended. */
export class JobDeadlineError extends Error {
  override name = "JobDeadlineError";
  constructor(
    message: string,
    readonly deadlineMs: number,
  ) {
    super(message);
  }
}

/** The thread running a job failed (threw outside a handler, ran out of memory, exited). */
export class WorkerFailedError extends Error {
  override name = "WorkerFailedError";
  constructor(
    message: string,
    /** ERR_WORKER_OUT_OF_MEMORY and the like, when Node says. */
    readonly code?: string,
  ) {
    super(message);
  }
}

interface Job {
  id: number;
  kind: string;
  input: unknown;
  options: RunOptions<unknown>;
  resolve(output: unknown): void;
  reject(error: unknown): void;
  /** Forgets the job's place in the queue once it starts. */
  unqueued?: () => void;
}

interface Thread {
  worker: Worker;
  job: Job | null;
  timer?: NodeJS.Timeout;
  /** Ends a kept thread that has waited too long for another job. */
  idle?: NodeJS.Timeout;
  /** The abort listener of the running job, removed when it ends. */
  unlisten?: () => void;
}

let nextJobId = 1;

/**
 * Work that must not run on the bot's event loop (answers, page extraction, reindexes), on worker
 * threads: a bounded queue, a deadline per job, and a job that overruns is ended with its thread,
 * never left running. Jobs and their messages are typed in jobs.ts; a worker never imports discord.js.
 */
export class WorkerPool<J extends JobTable<J>> {
  private readonly threads = new Set<Thread>();
  private readonly waiting: Job[] = [];
  private closed = false;

  constructor(readonly options: PoolOptions) {}

  /** Whether close() has ended it: it runs no more jobs. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Jobs waiting for a thread. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Jobs running now. */
  get running(): number {
    let n = 0;
    for (const t of this.threads) if (t.job) n++;
    return n;
  }

  /** Runs a job on a free thread, or when one is free; rejects with PoolFullError when too many wait. */
  run<K extends keyof J & string>(kind: K, input: J[K]["input"], options: RunOptions<J[K]["progress"]> = {}): Promise<J[K]["output"]> {
    if (this.closed) return Promise.reject(new WorkerFailedError(`${this.options.name} has stopped`));
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    const free = this.freeThread();
    if (!free && this.waiting.length >= this.options.maxQueued)
      return Promise.reject(new PoolFullError(`${this.options.name}: ${this.waiting.length} jobs are waiting already`));
    return new Promise((resolve, reject) => {
      const job: Job = { id: nextJobId++, kind, input, options: options as RunOptions<unknown>, resolve, reject };
      if (free) return this.start(free, job);
      options.onWait?.(this.waiting.length + this.running);
      this.waiting.push(job);
      const { signal } = options;
      if (!signal) return;
      const drop = () => {
        const at = this.waiting.indexOf(job);
        if (at < 0) return;
        this.waiting.splice(at, 1);
        reject(signal.reason);
      };
      signal.addEventListener("abort", drop, { once: true });
      // A signal that outlives its jobs (a lease's) keeps no listener of a job that has left the queue.
      job.unqueued = () => signal.removeEventListener("abort", drop);
    });
  }

  /**
   * A share of this pool for one user of it (a bot among the process's): its jobs run on the pool's
   * threads, and closing it ends its own jobs, waiting or running, and no one else's.
   */
  lease(): PoolLease<J> {
    return new PoolLease(this);
  }

  /** Ends every thread; jobs waiting or running are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(new WorkerFailedError(`${this.options.name} has stopped`));
    await Promise.all([...this.threads].map((t) => this.end(t, new WorkerFailedError(`${this.options.name} has stopped`))));
  }

  private freeThread(): Thread | null {
    for (const t of this.threads) if (!t.job) return t;
    return this.threads.size < this.options.size ? this.spawn() : null;
  }

  private spawn(): Thread {
    const worker = new Worker(BOOTSTRAP, {
      workerData: { module: this.options.module.href },
      ...(this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {}),
    });
    const thread: Thread = { worker, job: null };
    this.threads.add(thread);
    worker.on("message", (message: FromWorker) => this.heard(thread, message));
    worker.on("error", (error: Error & { code?: string }) => {
      void this.end(thread, new WorkerFailedError(`${this.options.name} failed: ${error.message}`, error.code));
    });
    worker.on("exit", (code) => {
      if (this.threads.has(thread)) void this.end(thread, new WorkerFailedError(`${this.options.name} exited with code ${code}`));
    });
    return thread;
  }

  private start(thread: Thread, job: Job): void {
    clearTimeout(thread.idle);
    thread.job = job;
    thread.worker.ref();
    const { deadlineMs, signal, transfer } = job.options;
    if (deadlineMs !== undefined) {
      thread.timer = setTimeout(() => {
        const seconds = Math.round(deadlineMs / 100) / 10;
        void this.end(thread, new JobDeadlineError(`${this.options.name} ran past its ${seconds} s limit`, deadlineMs));
      }, deadlineMs);
    }
    if (signal) {
      const abort = () => void this.end(thread, signal.reason);
      signal.addEventListener("abort", abort, { once: true });
      thread.unlisten = () => signal.removeEventListener("abort", abort);
    }
    const message: ToWorker = { id: job.id, kind: job.kind, input: job.input };
    thread.worker.postMessage(message, (transfer ?? []) as ArrayBuffer[]);
  }

  private heard(thread: Thread, message: FromWorker): void {
    const job = thread.job;
    if (!job || message.id !== job.id) return;
    if ("progress" in message) {
      job.options.onProgress?.(message.progress);
      return;
    }
    this.finish(thread);
    if (message.ok) job.resolve(message.output);
    else job.reject(new WorkerFailedError(`${this.options.name} failed: ${message.error}`));
    const { recycle, keep } = this.options;
    if (recycle === "never") {
      this.next(thread);
      return;
    }
    if (!keep || !message.ok || !keep.after(message.output)) {
      void this.end(thread, null);
      return;
    }
    this.next(thread);
    if (!thread.job) {
      thread.idle = setTimeout(() => void this.end(thread, null), keep.idleMs);
      thread.idle.unref();
    }
  }

  /** The running job is over: its timer and listener go, and an idle thread no longer keeps the process alive. */
  private finish(thread: Thread): void {
    clearTimeout(thread.timer);
    clearTimeout(thread.idle);
    thread.unlisten?.();
    thread.timer = undefined;
    thread.unlisten = undefined;
    thread.job = null;
    thread.worker.unref();
  }

  private next(thread: Thread | null): void {
    const job = this.waiting.shift();
    if (!job) return;
    const free = thread && this.threads.has(thread) ? thread : this.freeThread();
    if (!free) {
      this.waiting.unshift(job);
      return;
    }
    job.unqueued?.();
    this.start(free, job);
  }

  /** Ends a thread, failing its job with `error` (none when it answered), and starts the next job on a new one. */
  private async end(thread: Thread, error: unknown): Promise<void> {
    if (!this.threads.delete(thread)) return;
    const job = thread.job;
    this.finish(thread);
    if (job && error) job.reject(error);
    const ended = thread.worker.terminate();
    if (!this.closed) this.next(null);
    await ended.catch(() => {});
  }
}

/** The process's pools, by module and size: see processPool. */
const processPools = new Map<string, WorkerPool<never>>();

/**
 * The process's one pool of `options.size` threads running `options.module`, made when first asked
 * for: whoever asks shares it (a bot takes a lease of it), so its size is a limit for the process.
 */
export function processPool<J extends JobTable<J>>(options: PoolOptions): WorkerPool<J> {
  const key = `${options.module.href} ${options.size}`;
  let pool = processPools.get(key) as WorkerPool<J> | undefined;
  if (!pool || pool.isClosed) {
    pool = new WorkerPool<J>(options);
    processPools.set(key, pool as unknown as WorkerPool<never>);
  }
  return pool;
}

/** One user's share of a pool: see WorkerPool.lease. */
export class PoolLease<J extends JobTable<J>> implements JobRunner<J> {
  private readonly ended = new AbortController();

  constructor(private readonly pool: WorkerPool<J>) {
    // Every job of the lease listens to its end while it waits or runs: as many as the queue holds.
    setMaxListeners(0, this.ended.signal);
  }

  run<K extends keyof J & string>(kind: K, input: J[K]["input"], options: RunOptions<J[K]["progress"]> = {}): Promise<J[K]["output"]> {
    const signal = options.signal ? AbortSignal.any([this.ended.signal, options.signal]) : this.ended.signal;
    return this.pool.run(kind, input, { ...options, signal });
  }

  /** Ends this lease's jobs: those waiting are dropped, those running end with their threads. */
  close(): void {
    this.ended.abort(new WorkerFailedError(`${this.pool.options.name} has stopped`));
  }
}
