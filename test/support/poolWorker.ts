import type { JobSpec } from "../../src/pool/jobs.js";
import { Moved, serveJobs } from "../../src/pool/serve.js";

/** Jobs for the pool's tests: each shows one way a job ends. */
export type TestJobs = {
  echo: { input: string; output: string } & JobSpec;
  count: { input: number; output: number; progress: number } & JobSpec;
  spin: { input: null; output: never } & JobSpec;
  throws: { input: string; output: never } & JobSpec;
  crash: { input: null; output: never } & JobSpec;
  hog: { input: null; output: never } & JobSpec;
  buffer: { input: number; output: Uint8Array } & JobSpec;
  state: { input: null; output: number } & JobSpec;
};

let calls = 0;

serveJobs<TestJobs>({
  echo: (text) => `echo: ${text}`,
  count(n, { progress }) {
    for (let i = 1; i <= n; i++) progress(i);
    return n;
  },
  spin() {
    for (;;) {
      // Never answers: only the pool's deadline ends it.
    }
  },
  throws(message) {
    throw new Error(message);
  },
  crash() {
    // Thrown outside the handler: the thread itself fails.
    setImmediate(() => {
      throw new Error("the thread fell over");
    });
    return new Promise<never>(() => {});
  },
  hog() {
    const kept: number[][] = [];
    for (;;) kept.push(new Array(1_000_000).fill(1));
  },
  buffer(size) {
    const bytes = new Uint8Array(size).fill(7);
    return new Moved(bytes, [bytes.buffer as ArrayBuffer]);
  },
  state: () => ++calls,
});
