import { parentPort } from "node:worker_threads";
import type { FromWorker, JobTable, ToWorker } from "./jobs.js";

/** What a handler is given besides its input: a way to say how far it is. */
export interface JobContext<Progress> {
  progress(progress: Progress): void;
}

/**
 * The buffers of typed arrays that each own the whole of theirs, once each: what can be moved to
 * another thread. (A view into a shared buffer, as Node's small Buffers are, is copied instead.)
 */
export function ownBuffers(arrays: readonly ArrayBufferView[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) {
    if (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  }
  return [...buffers];
}

/** A handler's answer, with buffers to move to the bot's thread rather than copy. */
export class Moved<Output> {
  constructor(
    readonly output: Output,
    readonly transfer: ArrayBuffer[],
  ) {}
}

export type Handlers<J extends JobTable<J>> = {
  [K in keyof J]: (
    input: J[K]["input"],
    context: JobContext<J[K]["progress"]>,
  ) => J[K]["output"] | Moved<J[K]["output"]> | Promise<J[K]["output"] | Moved<J[K]["output"]>>;
};

/**
 * The worker's side of pool.ts: runs each job it is sent with the handler of its kind, one at a
 * time as the pool sends them, and posts back its progress and its output. A handler that throws
 * fails that job alone: the error's stack goes back as the failure.
 */
export function serveJobs<J extends JobTable<J>>(handlers: Handlers<J>): void {
  const port = parentPort;
  if (!port) throw new Error("serveJobs runs in a worker thread");
  port.on("message", async ({ id, kind, input }: ToWorker) => {
    const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
    try {
      const handler = handlers[kind as keyof J];
      if (!handler) throw new Error(`no handler for jobs of kind ${kind}`);
      const result = await handler(input as never, { progress: (progress) => post({ id, progress }) });
      if (result instanceof Moved) post({ id, ok: true, output: result.output }, result.transfer);
      else post({ id, ok: true, output: result });
    } catch (error) {
      post({ id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
}
