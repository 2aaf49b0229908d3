import { describe, expect, it } from "vitest";
import { FairQueue, QueueFullError } from "../../src/app/fairQueue.js";

const queue = (options: Partial<ConstructorParameters<typeof FairQueue>[0]> = {}) =>
  new FairQueue({
    concurrency: 1,
    perLane: 1_000,
    total: 10_000,
    longestWaitMs: 60_000,
    initialCostMs: 10,
    words: { tasks: "questions", lane: "from this server" },
    ...options,
  });

/** A task that ends when told to, recording the order tasks started in. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe("the fair queue", () => {
  it("GIVEN one server's thousand tasks and another's one THEN the other's runs after at most one more of the first's", async () => {
    const q = queue();
    const order: string[] = [];
    const hold = gate();
    const busy = q.run("a", () => hold.opened.then(() => order.push("a0")));
    const flood = Array.from({ length: 1_000 }, (_, i) => q.run("a", () => order.push(`a${i + 1}`)));
    const other = q.run("b", () => order.push("b0"));
    hold.open();
    await Promise.all([busy, other, ...flood]);
    expect(order.indexOf("b0")).toBeLessThanOrEqual(2);
    expect(order).toHaveLength(1_002);
  });

  it("GIVEN a backlog THEN a new task's expected wait counts the tasks served before it in turn, and onQueued hears it at once", async () => {
    const q = queue({ initialCostMs: 10 });
    const hold = gate();
    const running = q.run("a", () => hold.opened);
    await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 50; i++) void q.run("a", () => {});
    // Server b waits for one of a's at most, server a for all of its own.
    expect(q.expectedWaitMs("b")).toBeLessThan(q.expectedWaitMs("a") / 10);
    expect(q.expectedWaitMs("a")).toBeGreaterThanOrEqual(500);
    let heard = -1;
    const last = q.run(
      "a",
      () => {},
      (ms) => (heard = ms),
    );
    expect(heard).toBeGreaterThanOrEqual(500);
    hold.open();
    await Promise.all([running, last]);
    expect(q.backlog).toEqual({ waiting: 0, running: 0 });
  });

  it("GIVEN a lane, or all lanes, full or a wait past the longest THEN refused at once with a sentence, and nothing queued", async () => {
    const hold = gate();
    const perLane = queue({ perLane: 3 });
    const kept = [perLane.run("a", () => hold.opened)];
    for (let i = 0; i < 3; i++) kept.push(perLane.run("a", () => {}));
    await new Promise((r) => setImmediate(r));
    expect(() => perLane.run("a", () => {})).toThrow(QueueFullError);
    expect(() => perLane.run("a", () => {})).toThrow(/Citebot has 3 questions waiting from this server already/);
    // Another server still gets in.
    kept.push(perLane.run("b", () => {}));
    const total = queue({ total: 2 });
    kept.push(
      total.run("a", () => hold.opened),
      total.run("b", () => {}),
      total.run("c", () => {}),
    );
    await new Promise((r) => setImmediate(r));
    expect(() => total.run("d", () => {})).toThrow(/Citebot has 2 questions waiting already/);
    const slow = queue({ initialCostMs: 1_000, longestWaitMs: 5_000 });
    kept.push(slow.run("a", () => hold.opened));
    await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 4; i++) kept.push(slow.run("a", () => {}));
    expect(() => slow.run("a", () => {})).toThrow(/could not answer for about 1 minute, after Discord stops waiting/);
    hold.open();
    await Promise.all(kept);
  });

  it("GIVEN tasks timed THEN the cost it reckons follows them, and a task's failure is its caller's alone", async () => {
    const q = queue({ initialCostMs: 500 });
    for (let i = 0; i < 40; i++) await q.run("a", () => {});
    expect(q.taskCostMs).toBeLessThan(50);
    await expect(q.run("a", () => Promise.reject(new Error("bad question")))).rejects.toThrow("bad question");
    expect(await q.run("a", () => "fine")).toBe("fine");
  });
});
