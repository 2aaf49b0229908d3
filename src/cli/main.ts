import { createInterface } from "node:readline";
import type { Engine } from "../answer/engine.js";
import { type Folders, openEngine, rebuild } from "../build/open.js";
import { describeProgress } from "../build/progress.js";
import { foldersFromEnv } from "../config.js";
import { CorpusError, isCorpusError } from "../corpus/errors.js";
import { summariseWarnings } from "../corpus/warnings.js";
import { runEntryPoint } from "../entryPoint.js";
import { progressLine } from "../render/progressLine.js";
import { renderAnswerText, renderSourceText } from "../render/text.js";
import { type Command, checkQuestion, parseCommand } from "./args.js";
import { USAGE, UsageError } from "./usage.js";

const out = (line: string) => process.stdout.write(`${line}\n`);
const warn = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    warn(`citebot: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.name === "help") {
    out(USAGE);
    return 0;
  }
  const folders = foldersFromEnv();
  if (command.name === "reindex") return reindex(folders, command.json);

  const { engine, warnings } = await openEngine(folders);
  for (const w of summariseWarnings(warnings)) warn(`warning: ${w}`);
  switch (command.name) {
    case "ask":
      return command.question === null ? askEachLine(engine, command.limit) : askOne(engine, command.question, command.json, command.limit);
    case "source": {
      const result = engine.source(command.id);
      out(command.json ? JSON.stringify(result) : renderSourceText(result));
      return result.kind === "not-found" ? 1 : 0;
    }
    case "sentences":
      for (const p of engine.passages()) out(command.json ? JSON.stringify(p) : `${p.id}\t${p.speaker ?? ""}\t${p.text}`);
      return 0;
    case "stats": {
      const stats = engine.stats();
      out(
        command.json
          ? JSON.stringify(stats)
          : Object.entries(stats)
              .map(([k, v]) => `${k}: ${v}`)
              .join("\n"),
      );
      return 0;
    }
  }
}

function askOne(engine: Engine, question: string, json: boolean, limit: number | undefined): number {
  const answer = engine.ask(question, { limit });
  out(json ? JSON.stringify(answer) : renderAnswerText(answer));
  return 0;
}

/** `ask --json` with no question: one question a line in, one JSON object a line out, in order. */
async function askEachLine(engine: Engine, limit: number | undefined): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    try {
      checkQuestion(line);
      out(JSON.stringify(engine.ask(line, { limit })));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      out(JSON.stringify({ question: line, error: error.message, answered: false, passages: [] }));
    }
  }
  return 0;
}

async function reindex(folders: Folders, json: boolean): Promise<number> {
  // On a terminal, how far it is; piped or redirected, only the result.
  const progress = progressLine(process.stderr);
  try {
    const { engine, warnings, milliseconds, saved } = await rebuild(folders, { onProgress: (p) => progress.show(describeProgress(p)) });
    progress.clear();
    const { articles, passages } = engine.stats();
    const lines = summariseWarnings(warnings);
    const report = { ok: saved, saved, articles, passages, milliseconds: Math.round(milliseconds), warnings: lines };
    const said = `Reindexed ${articles} articles, ${passages} passages in ${report.milliseconds} ms${saved ? "" : ", but the index could not be saved"}.`;
    out(json ? JSON.stringify(report) : [said, ...lines.map((w) => `warning: ${w}`)].join("\n"));
    return saved ? 0 : 1;
  } catch (error) {
    progress.clear();
    if (!(error instanceof CorpusError)) throw error;
    if (json) out(JSON.stringify({ ok: false, error: "invalid corpus", problems: error.problems }));
    warn(`Reindex failed; the previous index is unchanged.\n${error.message}`);
    return 1;
  }
}

runEntryPoint(() => main(process.argv.slice(2)), { name: "citebot", expected: { is: isCorpusError } });
