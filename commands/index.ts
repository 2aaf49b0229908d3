import type { SlashCommand } from "../src/commandKit/command.js";
import { ask } from "./ask.js";
import { corpus } from "./corpus.js";
import { findSources } from "./findSources.js";
import { help } from "./help.js";
import { reindex } from "./reindex.js";
import { sentences } from "./sentences.js";
import { settings } from "./settings.js";
import { source } from "./source.js";
import { stats } from "./stats.js";

/** Every command, by name: the slash commands, and those only the console and the command line offer. */
export const commands: ReadonlyMap<string, SlashCommand<never>> = new Map(
  ([ask, findSources, source, reindex, corpus, settings, help, stats, sentences] as SlashCommand<never>[]).map((c) => [c.name, c]),
);
