import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { Citebot, Upload } from "../app/citebot.js";
import { CorpusEditError } from "../app/corpusFiles.js";
import { renderReplyText } from "../render/text.js";
import { CONSOLE_CALLER } from "../replies/caller.js";
import { dispatch, type CommandRegistry, type RawOptions } from "../replies/dispatch.js";

export interface ConsoleIO {
  input: Readable & { isTTY?: boolean };
  output: Writable;
}

/**
 * The local console: the bot's slash commands typed at a prompt and their replies drawn as text, the
 * same handlers Discord runs. One command a line, so piped input scripts it. Plain text is asked.
 */
export async function runConsole(
  app: Citebot,
  commands: CommandRegistry,
  io: ConsoleIO,
  onError: (error: unknown) => void,
  onAudit: (entry: Record<string, string | undefined>) => void = () => {},
): Promise<void> {
  const interactive = io.input.isTTY === true;
  const lines = createInterface({ input: io.input, output: interactive ? io.output : undefined, prompt: "citebot> " });
  const say = (text: string) => io.output.write(`${text}\n`);
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
      if (text === "/stats") say(Object.entries(app.engine.stats()).map(([k, v]) => `${k}: ${v}`).join("\n"));
      else {
        const { name, options } = parseLine(text, commands);
        const audit = (entry: { action: string; target?: string; result: string }) => onAudit({ moderator: "console", ...entry });
        say(renderReplyText(await dispatch(commands, name, options, { app, caller: CONSOLE_CALLER, audit }, onError)));
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
 * "/ask Who brokered the deal?" → ask, its first required option set to the rest of the line.
 * "/corpus add ./story.txt" → the subcommand, then its first required option; an attachment is the
 * local file at that path.
 */
export function parseLine(text: string, commands: CommandRegistry): { name: string; options: RawOptions } {
  const match = text.match(/^\/(\S+)\s*([\s\S]*)$/);
  const name = match ? match[1]!.toLowerCase() : "ask";
  let rest = match ? match[2]!.trim() : text;
  let options = (commands.get(name)?.definition.options ?? []) as { type: number; name: string; required?: boolean; options?: unknown[] }[];
  const raw: RawOptions = {};
  if (options[0]?.type === ApplicationCommandOptionType.Subcommand) {
    const [sub = "", ...words] = rest.split(/\s+/);
    raw.subcommand = sub.toLowerCase();
    options = (options.find((o) => o.name === raw.subcommand)?.options ?? []) as typeof options;
    rest = words.join(" ");
  }
  const replace = / --replace$/.test(rest);
  if (replace) rest = rest.replace(/ --replace$/, "");
  const first = options.find((o) => o.required);
  if (first && rest) raw[first.name] = first.type === ApplicationCommandOptionType.Attachment ? localUpload(rest) : rest;
  if (replace) raw.replace = true;
  return { name, options: raw };
}

/** A file on this machine as an upload, for /corpus add in the console. */
function localUpload(file: string): Upload {
  return {
    name: path.basename(file),
    size: 0,
    read: async () => {
      try {
        return await readFile(file);
      } catch (error) {
        throw new CorpusEditError(`Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
      }
    },
  };
}
