import { createInterface } from "node:readline";
import { commands } from "../../commands/index.js";
import type { Engine } from "../answer/engine.js";
import { Citebot } from "../app/citebot.js";
import { type Folders, openEngine, openSavedIndex } from "../build/open.js";
import { CONSOLE_CALLER } from "../commandKit/caller.js";
import { type CommandContext, isSlow } from "../commandKit/command.js";
import { dispatch } from "../commandKit/dispatch.js";
import type { Reply } from "../commandKit/reply.js";
import { loadConfig } from "../config.js";
import { isCorpusError } from "../corpus/errors.js";
import { summariseWarnings } from "../corpus/warnings.js";
import type { EntryPointOptions } from "../entryPoint.js";
import { noticeJson, replyJsonLines } from "../render/json.js";
import { progressLine } from "../render/progressLine.js";
import { renderReplyText } from "../render/text.js";
import { type CliCall, parseArgv } from "./args.js";
import { cliUsage, UsageError } from "./usage.js";

/** How the command line ends: a corpus that cannot be read is said in a line, exit 1. */
export const CLI_ENTRY_POINT: EntryPointOptions = { name: "citebot", expected: { is: isCorpusError } };

/** Where the command line reads and writes: the process's own streams and environment, or a test's. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/**
 * The command line: the bot's commands, run through the same dispatch, their replies as text or
 * JSON; resolves with the exit code. Errors for the user to read (a corpus that cannot be read) are
 * thrown for the entry point to say.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const warn = (line: string) => io.stderr.write(`${line}\n`);
  /** A command called wrongly: what is wrong, then the usage, on standard error; exit 2. */
  const misused = (message: string) => {
    warn(`citebot: ${message}\n\n${cliUsage(commands)}`);
    return 2;
  };
  let call: CliCall;
  try {
    call = parseArgv(argv, commands);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return misused(error.message);
  }
  if (call.kind === "help") {
    out(cliUsage(commands));
    return 0;
  }
  const { folders, allowedPrivateHosts, quotas } = loadConfig(io.env);
  // Work that rebuilds the index starts from the index as saved; everything else from one that matches the corpus.
  const engine = isSlow(call.command, call.options.subcommand) ? await openSavedIndex(folders) : await openWarning(folders, warn);
  // On a terminal, how far long work is; piped or redirected, only the result.
  const progress = progressLine(io.stderr);
  // One command and done: a reindex builds, and a question is answered, on this thread, as nothing else is served meanwhile.
  const app = new Citebot(engine, folders, {
    allowedPrivateHosts,
    buildInProcess: true,
    quotas: { ...quotas, answerThreads: 0 },
    onRecoveredEdits: (records) => {
      for (const r of records) warn(`citebot: an edit left unreported when Citebot last stopped: ${r.action} ${r.target}: ${r.result}`);
    },
  });
  await app.recoverEdits();
  const context: CommandContext = {
    app,
    caller: { ...CONSOLE_CALLER, guildId: call.server },
    syntax: "cli",
    progress: (text) => progress.show(text),
  };
  const run = async (options: typeof call.options) => {
    const reply = await dispatch(commands, call.command.name, options, context, (error) => warn(`citebot: ${String(error)}`));
    progress.clear();
    return reply;
  };
  if (call.eachLine) {
    const name = call.eachLine.name;
    return eachLine(io.stdin, out, name, (value) => run({ ...call.options, [name]: value }));
  }

  const reply = await run(call.options);
  if (reply.kind === "notice" && reply.misused) return misused(renderReplyText(reply, "cli"));
  const code = exitCodeOf(reply);
  if (call.json) {
    for (const line of replyJsonLines(reply)) out(line);
    // A person reading a failure's JSON in a pipe still sees what went wrong.
    if (code !== 0) warn(renderReplyText(reply, "cli"));
  } else out(renderReplyText(reply, "cli"));
  return code;
}

/** The engine for the corpus as it is now, its warnings (summed up) on standard error. */
async function openWarning(folders: Folders, warn: (line: string) => void): Promise<Engine> {
  const opened = await openEngine(folders);
  for (const w of summariseWarnings(opened.warnings)) warn(`warning: ${w}`);
  return opened.engine;
}

/** With --json and no value for `name`: one value a line in, one JSON reply a line out, in order. */
async function eachLine(
  input: NodeJS.ReadableStream,
  out: (line: string) => void,
  name: string,
  run: (value: string) => Promise<Reply>,
): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const reply = await run(line);
    if (reply.kind === "notice") out(JSON.stringify({ [name]: line, ...noticeJson(reply) }));
    else for (const json of replyJsonLines(reply)) out(json);
  }
  return 0;
}

/** 0 when the command did what was asked; 1 for a refusal, an id that names nothing, a failed or unsaved reindex. */
function exitCodeOf(reply: Reply): number {
  switch (reply.kind) {
    case "notice":
    case "reindex-failed":
      return 1;
    case "reindexed":
      return reply.report.saved ? 0 : 1;
    case "corpus-edited":
      return reply.edit.report.saved ? 0 : 1;
    default:
      return 0;
  }
}
