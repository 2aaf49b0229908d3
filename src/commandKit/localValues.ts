import { readFile } from "node:fs/promises";
import path from "node:path";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { CorpusEditError } from "../app/corpusFiles.js";
import type { Upload } from "../app/upload.js";
import { prose } from "../prose.js";
import type { RawOptions } from "./dispatch.js";
import type { Parameter } from "./options.js";

/**
 * The text after a command, as the value of its first option; a link (http or https) given where a
 * file is taken is the article's link instead, for an option named `url` (`corpus add https://…`).
 */
export function positionalValue(first: Parameter, parameters: readonly Parameter[], text: string): [string, RawOptions[string]] {
  const isLink = first.type === ApplicationCommandOptionType.Attachment && /^https?:\/\//i.test(text);
  if (isLink && parameters.some((p) => p.name === "url")) return ["url", text];
  return [first.name, optionValue(first, text)];
}

/** A typed value from text typed at this machine: a flag alone is True; numbers are numbers; a file is a local upload. */
export function optionValue(option: Parameter, text: string): RawOptions[string] {
  switch (option.type) {
    case ApplicationCommandOptionType.Boolean:
      return text === "" || /^(?:true|yes)$/i.test(text) ? true : /^(?:false|no)$/i.test(text) ? false : text;
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number:
      return text !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
    case ApplicationCommandOptionType.Attachment:
      return localUpload(text);
    default:
      return text;
  }
}

/** A file on this machine as an upload, for /corpus add in the console or on the command line. */
function localUpload(file: string): Upload {
  return {
    name: path.basename(file),
    size: 0,
    read: async () => {
      try {
        return await readFile(file);
      } catch (error) {
        throw new CorpusEditError(prose`Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
      }
    },
  };
}

/** A server's id, as Discord writes it. */
const SERVER_ID = /^\d{17,20}$/;

/** `--server` without a server's id after it. */
export class ServerArgumentError extends Error {
  constructor() {
    super("--server needs a server's id (17 to 20 digits)");
    this.name = "ServerArgumentError";
  }
}

/** `--server <id>` (or `--server=<id>`) anywhere on the line, taken out of it. */
export function serverOf(argv: readonly string[]): { server: string | null; args: string[] } {
  const args: string[] = [];
  let server: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token !== "--server" && !token.startsWith("--server=")) {
      args.push(token);
      continue;
    }
    const value = token === "--server" ? argv[++i] : token.slice("--server=".length);
    if (value === undefined || !SERVER_ID.test(value)) throw new ServerArgumentError();
    server = value;
  }
  return { server, args };
}
