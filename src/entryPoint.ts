/**
 * How every entry point (npm start, the CLI, deploy-commands, eval, bench) runs and ends, so that
 * nothing it wrote is lost: a pipe (`| wc -l`, `| cat`) takes output more slowly than a program
 * makes it, and `process.exit` drops whatever the pipe has not taken yet.
 */

export interface EntryPointOptions {
  /** Says who failed in the line written on an unexpected error: "citebot", "eval". */
  name: string;
  /**
   * For tools whose every failure is for the user to read ("eval failed", "Could not register the
   * commands"): an error from main is one line, this then its message, without a stack.
   */
  failure?: string;
  /**
   * When standard output's reader goes away (`| head -1`): "exit" ends the process at once with 0, as
   * nothing else is left to do; "continue" leaves it to the program (the console stops reading).
   */
  whenReaderGoes?: "exit" | "continue";
  /**
   * Errors written for the user (a corpus that cannot be read, with every problem named): main may
   * let them through, and they end it with exit 1 and their message, after `say` when given.
   */
  expected?: { is: (error: unknown) => error is Error; say?: string };
}

/** Runs main, delivers all its output, and exits with its code; an unexpected error exits 1 with one line. */
export function runEntryPoint(main: () => Promise<number>, { name, failure, whenReaderGoes = "exit", expected }: EntryPointOptions): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") {
      if (whenReaderGoes === "exit") process.exit(0);
      return;
    }
    // Disk full, a closed terminal: the output cannot be delivered, so say so and fail.
    process.stderr.write(`${name}: cannot write the output (${error.message})\n`);
    process.exit(1);
  });
  // Nothing is left to report to when standard error itself is gone.
  process.stderr.on("error", () => {});
  main().then(
    (code) => exitAfterOutput(code),
    (error: unknown) => {
      process.stderr.write(`${failureLine(error, { name, failure, expected })}\n`);
      void exitAfterOutput(1);
    },
  );
}

/** What an entry point says of an error main let through: the message of one for the user, else with its stack. */
export function failureLine(error: unknown, { name, failure, expected }: EntryPointOptions): string {
  const message = error instanceof Error ? error.message : String(error);
  if (expected?.is(error)) return `${expected.say ? `${expected.say}: ` : ""}${message}`;
  if (failure) return `${failure}: ${message}`;
  return `${name} stopped on an unexpected error: ${error instanceof Error ? (error.stack ?? message) : message}`;
}

/** Waits until standard output and error have handed everything written to the system, then exits. */
export async function exitAfterOutput(code: number): Promise<never> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/** Resolves once everything written to the stream before now is written out (or the stream is gone). */
export function flushed(stream: NodeJS.WritableStream & { destroyed?: boolean }): Promise<void> {
  if (stream.destroyed) return Promise.resolve();
  // Writes complete in order: the callback of an empty write comes after every earlier one.
  return new Promise((resolve) => stream.write("", () => resolve()));
}

/**
 * Resolves with the signal's name at the first SIGINT or SIGTERM: when a long-running entry point
 * should stop. A signal sent to the process group reaches it twice under npm and tsx (directly, and
 * relayed by tsx): one within a second of the first is that same signal, and must not cut the stop
 * short. One later (Ctrl-C pressed again) stops the process at once.
 */
export function stopSignal(): Promise<"SIGINT" | "SIGTERM"> {
  return new Promise((resolve) => {
    let first: number | null = null;
    const stop = (signal: "SIGINT" | "SIGTERM") => {
      if (first === null) {
        first = performance.now();
        resolve(signal);
      } else if (performance.now() - first > SAME_SIGNAL_WITHIN_MS) {
        process.stderr.write(`${signal} again: stopping at once.\n`);
        process.exit(130);
      }
    };
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
  });
}

/** A second signal this soon after the first is the first relayed (tsx under npm). */
const SAME_SIGNAL_WITHIN_MS = 1_000;
