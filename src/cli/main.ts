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
import { runEntryPoint } from "../entryPoint.js";
import { noticeJson, replyJsonLines } from "../render/json.js";
import { progressLine } from "../render/progressLine.js";
import { renderReplyText } from "../render/text.js";
import { type CliCall, parseArgv } from "./args.js";
import { cliUsage, UsageError } from "./usage.js";

const out = (line: string) => process.stdout.write(`${line}\n`);
const warn = (line: string) => process.stderr.write(`${line}\n`);

/** The command line: the bot's commands, run through the same dispatch, their replies as text or JSON. */
async function main(argv: string[]): Promise<number> {
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
  const { folders, allowedPrivateHosts } = loadConfig();
  // Work that rebuilds the index starts from the index as saved; everything else from one that matches the corpus.
  const engine = isSlow(call.command, call.options.subcommand) ? await openSavedIndex(folders) : await openWarning(folders);
  // On a terminal, how far long work is; piped or redirected, only the result.
  const progress = progressLine(process.stderr);
  const context: CommandContext = {
    // One command and done: a reindex builds on this thread, as nothing is answered meanwhile.
    app: new Citebot(engine, folders, { allowedPrivateHosts, buildInProcess: true }),
    caller: { ...CONSOLE_CALLER, guildId: call.server },
    syntax: "cli",
    progress: (text) => progress.show(text),
  };
  const run = async (options: typeof call.options) => {
    const reply = await dispatch(commands, call.command.name, options, context, (error) => warn(`citebot: ${String(error)}`));
    progress.clear();
    return reply;
  };
  if (call.eachLine) return eachLine(call.eachLine.name, (value) => run({ ...call.options, [call.eachLine!.name]: value }));

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
async function openWarning(folders: Folders): Promise<Engine> {
  const opened = await openEngine(folders);
  for (const w of summariseWarnings(opened.warnings)) warn(`warning: ${w}`);
  return opened.engine;
}

/** With --json and no value for `name`: one value a line in, one JSON reply a line out, in order. */
async function eachLine(name: string, run: (value: string) => Promise<Reply>): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const reply = await run(line);
    if (reply.kind === "notice") out(JSON.stringify({ [name]: line, ...noticeJson(reply) }));
    else for (const json of replyJsonLines(reply)) out(json);
  }
  return 0;
}

/** A command called wrongly: what is wrong, then the usage, on standard error; exit 2. */
function misused(message: string): number {
  warn(`citebot: ${message}\n\n${cliUsage(commands)}`);
  return 2;
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

runEntryPoint(() => main(process.argv.slice(2)), { name: "citebot", expected: { is: isCorpusError } });
