import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { JobDeadlineError, PoolFullError, processPool, WorkerFailedError, WorkerPool } from "../../src/pool/pool.js";
import type { TestJobs } from "../support/poolWorker.js";

const MODULE = new URL("../support/poolWorker.ts", import.meta.url);
const pool = (options: Partial<ConstructorParameters<typeof WorkerPool>[0]> = {}) =>
  new WorkerPool<TestJobs>({ name: "the test pool", module: MODULE, size: 1, maxQueued: 10, recycle: "never", ...options });

describe("a pool shared by leases", () => {
  it("GIVEN the process's pool asked for twice THEN it is one pool, and another size is another", async () => {
    const options = { name: "the test pool", module: MODULE, maxQueued: 10, recycle: "never" as const };
    const one = processPool<TestJobs>({ ...options, size: 1 });
    const two = processPool<TestJobs>({ ...options, size: 2 });
    try {
      expect(processPool<TestJobs>({ ...options, size: 1 })).toBe(one);
      expect(two).not.toBe(one);
      expect(await one.lease().run("state", null)).toBe(1);
      // The same thread, whoever leases it.
      expect(await one.lease().run("state", null)).toBe(2);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
    // A pool closed is made anew for whoever asks next.
    const again = processPool<TestJobs>({ ...options, size: 1 });
    expect(again).not.toBe(one);
    expect(await again.run("echo", "x")).toBe("echo: x");
    await again.close();
  });

  it("GIVEN two leases of one thread and one lease closed THEN its jobs end, running or waiting, and the other's run", async () => {
    const shared = pool({ maxQueued: 100 });
    const warnings: Error[] = [];
    const warned = (w: Error) => warnings.push(w);
    process.on("warning", warned);
    try {
      const closing = shared.lease();
      const staying = shared.lease();
      const running = closing.run("spin", null);
      const waiting = Array.from({ length: 30 }, (_, i) => closing.run("echo", `a${i}`));
      const other = staying.run("echo", "b");
      closing.close();
      await expect(running).rejects.toBeInstanceOf(WorkerFailedError);
      for (const job of waiting) await expect(job).rejects.toBeInstanceOf(WorkerFailedError);
      expect(await other).toBe("echo: b");
      // Jobs that waited their turn, then ran, leave nothing listening to a signal that outlives them.
      const lasting = new AbortController();
      const queued = Array.from({ length: 30 }, (_, i) => staying.run("echo", `c${i}`, { signal: lasting.signal }));
      expect(await Promise.all(queued)).toEqual(Array.from({ length: 30 }, (_, i) => `echo: c${i}`));
      expect(getEventListeners(lasting.signal, "abort")).toHaveLength(0);
      expect(shared.running + shared.queued).toBe(0);
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", warned);
      await shared.close();
    }
  });
});

describe("the worker pool", () => {
  it("GIVEN jobs THEN each is answered on a thread, progress heard, and a thread that lives on keeps its state", async () => {
    const threads = pool();
    try {
      expect(await threads.run("echo", "hello")).toBe("echo: hello");
      const heard: number[] = [];
      expect(await threads.run("count", 3, { onProgress: (p) => heard.push(p) })).toBe(3);
      expect(heard).toEqual([1, 2, 3]);
      expect(await threads.run("state", null)).toBe(1);
      expect(await threads.run("state", null)).toBe(2);
      const bytes = await threads.run("buffer", 1024);
      expect(bytes.length).toBe(1024);
      expect(bytes[1023]).toBe(7);
    } finally {
      await threads.close();
    }
  });

  it("GIVEN a recycling pool THEN every job gets a fresh thread: nothing a job left reaches the next", async () => {
    const threads = pool({ recycle: "after-each-job" });
    try {
      expect(await threads.run("state", null)).toBe(1);
      expect(await threads.run("state", null)).toBe(1);
    } finally {
      await threads.close();
    }
  });

  it("GIVEN a job that never ends THEN its deadline ends it and its thread, and the next job runs on a new thread", async () => {
    const threads = pool();
    try {
      const started = performance.now();
      await expect(threads.run("spin", null, { deadlineMs: 300 })).rejects.toBeInstanceOf(JobDeadlineError);
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(await threads.run("echo", "after")).toBe("echo: after");
    } finally {
      await threads.close();
    }
  });

  it("GIVEN a job that throws, a thread that crashes, one out of memory THEN that job fails alone, saying why", async () => {
    const threads = pool({ resourceLimits: { maxOldGenerationSizeMb: 32 } });
    try {
      await expect(threads.run("throws", "bad input")).rejects.toThrow(/the test pool failed: Error: bad input/);
      await expect(threads.run("crash", null)).rejects.toThrow(/the thread fell over/);
      const oom = await threads.run("hog", null, { deadlineMs: 20_000 }).catch((error: unknown) => error);
      expect(oom).toBeInstanceOf(WorkerFailedError);
      expect((oom as WorkerFailedError).code).toBe("ERR_WORKER_OUT_OF_MEMORY");
      expect(await threads.run("echo", "still here")).toBe("echo: still here");
    } finally {
      await threads.close();
    }
  });

  it("GIVEN more jobs than threads and room to wait THEN they wait their turn, told how many are ahead; past the room, refused at once", async () => {
    const threads = pool({ maxQueued: 2 });
    try {
      const first = threads.run("spin", null, { deadlineMs: 500 }).catch(() => "ended");
      const ahead: number[] = [];
      const second = threads.run("echo", "2", { onWait: (n) => ahead.push(n) });
      const third = threads.run("echo", "3", { onWait: (n) => ahead.push(n) });
      await expect(threads.run("echo", "4")).rejects.toBeInstanceOf(PoolFullError);
      expect(ahead).toEqual([1, 2]);
      expect(await Promise.all([first, second, third])).toEqual(["ended", "echo: 2", "echo: 3"]);
    } finally {
      await threads.close();
    }
  });

  it("GIVEN a job aborted while it waits or runs THEN it ends at once, and a closed pool refuses new work", async () => {
    const threads = pool();
    const running = new AbortController();
    const waiting = new AbortController();
    const spun = threads.run("spin", null, { signal: running.signal });
    const queued = threads.run("echo", "never", { signal: waiting.signal });
    waiting.abort(new Error("not wanted"));
    await expect(queued).rejects.toThrow("not wanted");
    running.abort(new Error("stop"));
    await expect(spun).rejects.toThrow("stop");
    expect(await threads.run("echo", "after")).toBe("echo: after");
    await threads.close();
    await expect(threads.run("echo", "closed")).rejects.toBeInstanceOf(WorkerFailedError);
  });
});

describe("a recycling pool that keeps some threads", () => {
  it("GIVEN a job whose output the pool approves THEN its thread serves the next job, and is ended once idle too long", async () => {
    const threads = pool({ recycle: "after-each-job", keep: { after: (n) => (n as number) < 3, idleMs: 300 } });
    try {
      expect(await threads.run("state", null)).toBe(1);
      expect(await threads.run("state", null)).toBe(2);
      // A third call's output is not approved: the next job starts afresh.
      expect(await threads.run("state", null)).toBe(3);
      expect(await threads.run("state", null)).toBe(1);
      await new Promise((r) => setTimeout(r, 600));
      expect(await threads.run("state", null)).toBe(1);
    } finally {
      await threads.close();
    }
  });
});
