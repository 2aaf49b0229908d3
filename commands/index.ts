import type { SlashCommand } from "../src/commandKit/command.js";
import { ask } from "./ask.js";
import { corpus } from "./corpus.js";
import { help } from "./help.js";
import { reindex } from "./reindex.js";
import { source } from "./source.js";

/** Every slash command, by name. */
export const commands: ReadonlyMap<string, SlashCommand<never>> = new Map(
  ([ask, source, reindex, corpus, help] as SlashCommand<never>[]).map((c) => [c.definition.name, c]),
);
