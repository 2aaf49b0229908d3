import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Citebot } from "../app/citebot.js";
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
export async function runConsole(app: Citebot, commands: CommandRegistry, io: ConsoleIO, onError: (error: unknown) => void): Promise<void> {
  const interactive = io.input.isTTY === true;
  const lines = createInterface({ input: io.input, output: interactive ? io.output : undefined, prompt: "citebot> " });
  const say = (text: string) => io.output.write(`${text}\n`);
  if (interactive) lines.prompt();
  for await (const line of lines) {
    const text = line.trim();
    if (text === "/quit" || text === "/exit") break;
    if (text !== "") {
      if (text === "/stats") say(Object.entries(app.engine.stats()).map(([k, v]) => `${k}: ${v}`).join("\n"));
      else {
        const { name, options } = parseLine(text, commands);
        say(renderReplyText(await dispatch(commands, name, options, { app, caller: CONSOLE_CALLER }, onError)));
      }
      say("");
    }
    if (interactive) lines.prompt();
  }
  lines.close();
}

/** "/ask Who brokered the deal?" → ask with its first required option set to the rest of the line. */
export function parseLine(text: string, commands: CommandRegistry): { name: string; options: RawOptions } {
  const match = text.match(/^\/(\S+)\s*([\s\S]*)$/);
  const name = match ? match[1]!.toLowerCase() : "ask";
  const rest = match ? match[2]!.trim() : text;
  const first = commands.get(name)?.definition.options?.find((o) => "required" in o && o.required);
  return { name, options: first && rest ? { [first.name]: rest } : first ? {} : {} };
}
