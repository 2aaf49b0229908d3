import { parseArgs } from "node:util";
import { z } from "zod";
import { MAX_LIMIT } from "../answer/ask.js";
import { UsageError } from "./usage.js";

export type Command =
  | { name: "ask"; question: string | null; json: boolean; limit: number | undefined }
  | { name: "source"; id: string; json: boolean }
  | { name: "sentences"; json: boolean }
  | { name: "reindex"; json: boolean }
  | { name: "stats"; json: boolean }
  | { name: "help" };

const LimitSchema = z.coerce.number().int().min(1).max(MAX_LIMIT);
export const MAX_QUESTION_LENGTH = 1000;

/** The command line, checked: anything off is a UsageError saying what. */
export function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") return { name: "help" };
  const { values, positionals } = parsedArgs(rest);
  if (values.help) return { name: "help" };
  const json = values.json === true;
  if (values.limit !== undefined && name !== "ask") throw new UsageError(`--limit goes with ask, not ${name}`);
  switch (name) {
    case "ask": {
      if (positionals.length > 1) throw new UsageError('ask takes one question: put it in quotes, e.g. ask "Who brokered the deal?"');
      const limit = values.limit === undefined ? undefined : LimitSchema.safeParse(values.limit);
      if (limit && !limit.success) throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}`);
      const question = positionals[0] ?? null;
      if (question === null && !json)
        throw new UsageError('ask needs a question, e.g. ask "Who brokered the deal?" (or --json to read questions from standard input)');
      if (question !== null) checkQuestion(question);
      return { name, question, json, limit: limit?.data };
    }
    case "source": {
      if (positionals.length !== 1 || !positionals[0]!.trim())
        throw new UsageError("source needs one id: a passage id such as 003_998c32d5a799b7d3:5.2, or an article id");
      return { name, id: positionals[0]!, json };
    }
    case "sentences":
    case "reindex":
    case "stats":
      if (positionals.length > 0) throw new UsageError(`${name} takes no arguments (got "${positionals[0]}")`);
      return { name, json };
    default:
      throw new UsageError(`unknown command "${name}"`);
  }
}

/** A question must have something to search for and be of a sane length. */
export function checkQuestion(question: string): void {
  if (!question.trim()) throw new UsageError("the question is empty");
  if (question.length > MAX_QUESTION_LENGTH)
    throw new UsageError(`the question is too long (${question.length} characters; at most ${MAX_QUESTION_LENGTH})`);
}

function parsedArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { json: { type: "boolean" }, limit: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split("\n")[0]! : String(error));
  }
}
