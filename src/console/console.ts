import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Citebot } from "../app/citebot.js";
import { CONSOLE_CALLER } from "../commandKit/caller.js";
import type { AuditEntry } from "../commandKit/command.js";
import { type CommandRegistry, dispatch, type RawOptions } from "../commandKit/dispatch.js";
import { optionValue, positionalValue } from "../commandKit/localValues.js";
import { positionalOf } from "../commandKit/usage.js";
import { progressLine } from "../render/progressLine.js";
import { renderReplyText } from "../render/text.js";

export interface ConsoleIO {
  input: Readable & { isTTY?: boolean };
  output: Writable;
}

export interface ConsoleHooks {
  onError: (error: unknown) => void;
  onAudit?: (entry: Record<string, string | undefined>) => void;
  /** Details for the log that do not fit a reply (every problem of a failed reindex). */
  onLog?: (message: string, fields: Record<string, string>) => void;
  /** Act as in this server (`npm start -- --server <id>`): its own articles besides the shared ones. */
  server?: string | null;
}

/**
 * The local console: the bot's slash commands typed at a prompt and their replies drawn as text, the
 * same handlers Discord runs. One command a line, so piped input scripts it. Plain text is asked.
 */
export async function runConsole(app: Citebot, commands: CommandRegistry, io: ConsoleIO, hooks: ConsoleHooks): Promise<void> {
  const interactive = io.input.isTTY === true;
  const lines = createInterface({ input: io.input, output: interactive ? io.output : undefined, prompt: "citebot> " });
  const say = (text: string) => io.output.write(`${text}\n`);
  // Long work says how far it is on a terminal; piped, only the replies are written.
  const progress = progressLine({
    isTTY: interactive && (io.output as { isTTY?: boolean }).isTTY === true,
    write: (t) => io.output.write(t),
  });
  // When the reader goes away (`npm start | head -1`), stop: nobody is left to answer.
  let readerGone = false;
  const stop = () => {
    readerGone = true;
    lines.close();
  };
  io.output.on("error", stop);
  io.output.on("close", stop);
  if (interactive) lines.prompt();
  for await (const line of lines) {
    if (readerGone) break;
    const text = line.trim();
    if (text === "/quit" || text === "/exit") break;
    if (text !== "") {
      {
        const { name, options } = parseLine(text, commands);
        const context = {
          app,
          caller: { ...CONSOLE_CALLER, guildId: hooks.server ?? null },
          syntax: "console" as const,
          audit: (entry: AuditEntry) => hooks.onAudit?.({ moderator: "console", ...entry }),
          progress: (line: string) => progress.show(line),
          log: hooks.onLog,
        };
        const reply = await dispatch(commands, name, options, context, hooks.onError);
        progress.clear();
        say(renderReplyText(reply));
      }
      say("");
    }
    if (interactive && !readerGone) lines.prompt();
  }
  io.output.off("error", stop);
  io.output.off("close", stop);
  lines.close();
}

/**
 * A console line as a command and its options, in the console's own syntax:
 *
 *     /ask Who brokered the deal? --private      → ask, question, private: true
 *     /corpus add ./story.txt --replace --title Floods   → the subcommand; a file is the local file at that path
 *     /corpus list --page 2   (or /corpus list 2)
 *
 *     find-sources Turkey brokered the deal      → find-sources, claim (a hyphenated name needs no slash)
 *
 * The text after the command (and subcommand) is its first required option, or its first option
 * when none is required; `--name value` sets any other. Plain text is asked.
 */
export function parseLine(text: string, commands: CommandRegistry): { name: string; options: RawOptions } {
  // A command whose name has a hyphen (find-sources) needs no slash: no question begins with such a word.
  const bare = text.match(/^(\S+-\S+)(\s[\s\S]*)?$/);
  const match = bare && commands.has(bare[1]!.toLowerCase()) ? bare : text.match(/^\/(\S+)\s*([\s\S]*)$/);
  const name = match ? match[1]!.toLowerCase() : "ask";
  let rest = match ? (match[2] ?? "").trim() : text;
  const command = commands.get(name);
  let options = command?.parameters ?? [];
  const raw: RawOptions = {};
  if (command?.subcommands) {
    const [sub = "", ...words] = rest.split(/\s+/);
    raw.subcommand = sub.toLowerCase();
    options = command.subcommands.find((s) => s.name === raw.subcommand)?.parameters ?? [];
    rest = words.join(" ");
  }
  // "--name" starts an option only when the command has one of that name: other dashes are words.
  const flags = [...rest.matchAll(/(?:^|\s)--([a-z][a-z_-]*)(?=\s|$)/gi)].filter((m) =>
    options.some((o) => o.name === m[1]!.toLowerCase()),
  );
  const positional = (flags.length > 0 ? rest.slice(0, flags[0]!.index) : rest).trim();
  const first = positionalOf(options);
  if (first && positional) {
    const [option, value] = positionalValue(first, options, positional);
    raw[option] = value;
  }
  flags.forEach((flag, i) => {
    const option = options.find((o) => o.name === flag[1]!.toLowerCase())!;
    const value = rest.slice(flag.index + flag[0].length, flags[i + 1]?.index ?? rest.length).trim();
    raw[option.name] = optionValue(option, value);
  });
  return { name, options: raw };
}
