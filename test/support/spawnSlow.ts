import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";

export const TSX = path.resolve("node_modules/.bin/tsx");
/**
 * Node running the TypeScript sources in one process, as the tsx command does in two (a wrapper and
 * Node under it): for tests where what the wrapper adds (relaying signals) is not what is tested.
 */
export const NODE_TS = [process.execPath, "--import", "tsx"] as const;

export interface SlowRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program whose standard output is read slowly, as a pipe reader on a busy machine (`| wc -l`,
 * `| cat`) does: nothing for `readAfterMs`, then a chunk every `pauseMs`. Whatever the program writes
 * meanwhile waits in its own buffers, which is what a hasty exit loses.
 */
export async function runWithSlowReader(
  args: string[],
  {
    env = {},
    input,
    readAfterMs = 600,
    pauseMs = 20,
    cwd,
    command,
  }: { env?: NodeJS.ProcessEnv; input?: string; readAfterMs?: number; pauseMs?: number; cwd?: string; command?: string },
): Promise<SlowRun> {
  const [program, ...argv] = command ? [command, ...args] : [...NODE_TS, ...args];
  const child = spawn(program!, argv, { env: { ...process.env, ...env }, cwd, stdio: ["pipe", "pipe", "pipe"] });
  const chunks: Buffer[] = [];
  // Listening before pausing: Node resumes (and discards) an unlistened child's output when it exits.
  child.stdout.on("data", (c: Buffer) => {
    chunks.push(c);
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), pauseMs);
  });
  child.stdout.pause();
  let stderr = "";
  child.stderr.on("data", (c) => (stderr += String(c)));
  child.stdin.on("error", () => {});
  child.stdin.end(input ?? "");
  const exited = once(child, "close");
  setTimeout(() => child.stdout.resume(), readAfterMs);
  const [code] = await exited;
  return { code: code as number | null, stdout: Buffer.concat(chunks).toString("utf8"), stderr };
}
