import { spawn, spawnSync } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { CLI_ENTRY_POINT, runCli as runCommandLine } from "../../src/cli/run.js";
import { failureLine } from "../../src/entryPoint.js";

import { NODE_TS } from "./spawnSlow.js";

const CLI = path.resolve("src/cli/main.ts");

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as `npm run cli` would, with its own corpus and data folders. */
export function runCli(
  args: string[],
  options: { corpusDir: string; dataDir: string; input?: string; env?: Record<string, string> },
): CliRun {
  const result = spawnSync(NODE_TS[0], [...NODE_TS.slice(1), CLI, ...args], {
    env: { ...process.env, ...options.env, CORPUS_DIR: options.corpusDir, DATA_DIR: options.dataDir },
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The command line run in this process, its streams captured and its environment only what is
 * given: what it prints and the code it exits with, without the second a Node and tsx take to start.
 * How the process itself ends (pipes, flushing, exit) is runCli's to test.
 */
export async function runCliInProcess(
  args: string[],
  options: { corpusDir: string; dataDir: string; input?: string; env?: Record<string, string> },
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io = {
    stdin: Readable.from([options.input ?? ""]),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { ...options.env, CORPUS_DIR: options.corpusDir, DATA_DIR: options.dataDir },
  };
  let status: number;
  try {
    status = await runCommandLine(args, io);
  } catch (error) {
    stderr += `${failureLine(error, CLI_ENTRY_POINT)}\n`;
    status = 1;
  }
  return { status, stdout, stderr };
}

/** runCli without blocking this process: for a CLI that talks to a server the test runs (a local web page). */
export function runCliAsync(
  args: string[],
  options: { corpusDir: string; dataDir: string; env?: Record<string, string> },
): Promise<CliRun> {
  const child = spawn(NODE_TS[0], [...NODE_TS.slice(1), CLI, ...args], {
    env: { ...process.env, ...options.env, CORPUS_DIR: options.corpusDir, DATA_DIR: options.dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
}

export async function tempDataDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "citebot-data-"));
}
