import { MessageFlags, type Attachment, type AutocompleteInteraction, type ChatInputCommandInteraction, type Interaction } from "discord.js";
import type { Citebot, Upload } from "../app/citebot.js";
import { CorpusEditError, MAX_ARTICLE_BYTES } from "../app/corpusFiles.js";
import type { Logger } from "../log.js";
import { dispatch, suggest, type CommandRegistry, type RawOptions } from "../replies/dispatch.js";
import type { Reply } from "../replies/reply.js";
import { callerOf } from "./caller.js";
import { renderReplyDiscord } from "./render.js";

export interface InteractionDeps {
  app: Citebot;
  commands: CommandRegistry;
  logger: Logger;
  /** False once shutdown has begun: new interactions are turned away. */
  accepting: () => boolean;
}

const APOLOGY = "Sorry, something went wrong while answering that. It has been logged; please try again.";

/**
 * Answers one interaction. Never throws: a failure is logged and answered with an ephemeral
 * apology, by whichever call still fits (follow-up if replied, edit if deferred, else reply).
 */
export async function handleInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  if (interaction.isAutocomplete()) return autocomplete(interaction, deps);
  if (!interaction.isChatInputCommand()) return;
  const started = performance.now();
  let outcome = "error";
  try {
    if (!deps.accepting()) {
      await interaction.reply({ content: "Citebot is restarting; please ask again in a moment.", flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      outcome = "refused:shutting-down";
      return;
    }
    const command = deps.commands.get(interaction.commandName);
    const ephemeral = command?.ephemeralByDefault === true || interaction.options.getBoolean("private", false) === true;
    if (command?.slow) {
      await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      if (deps.app.reindexing) {
        await interaction.editReply({ content: "A reindex is already running; its result will appear here when it ends.", allowedMentions: { parse: [] } });
      }
    }
    const caller = callerOf(interaction);
    const audit = (entry: { action: string; target?: string; result: string }) =>
      deps.logger.info("audit", { moderator: caller.id, guild: caller.guildId ?? "dm", ...entry });
    const reply = await dispatch(deps.commands, interaction.commandName, rawOptionsOf(interaction), { app: deps.app, caller, audit }, (error) =>
      deps.logger.error("command failed", error, { command: interaction.commandName }),
    );
    await send(interaction, reply);
    outcome = outcomeOf(reply);
  } catch (error) {
    deps.logger.error("interaction failed", error, { command: interaction.commandName, guild: interaction.guildId ?? "dm" });
    await apologise(interaction, deps.logger);
  } finally {
    deps.logger.info("interaction", {
      command: interaction.commandName,
      guild: interaction.guildId ?? "dm",
      user: interaction.user.id,
      ...(interaction.commandName === "ask" ? { question: interaction.options.getString("question", false) ?? undefined } : {}),
      ms: Math.round(performance.now() - started),
      outcome,
    });
  }
}

/** The options as a flat record: a subcommand's name under `subcommand`, attachments as uploads. */
function rawOptionsOf(interaction: ChatInputCommandInteraction): RawOptions {
  const subcommand = interaction.options.getSubcommand(false);
  const data = subcommand ? (interaction.options.data[0]?.options ?? []) : interaction.options.data;
  const raw: RawOptions = subcommand ? { subcommand } : {};
  for (const option of data) {
    raw[option.name] = option.attachment ? uploadOf(option.attachment) : (option.value ?? undefined);
  }
  return raw;
}

function uploadOf(attachment: Attachment): Upload {
  return { name: attachment.name, size: attachment.size, read: () => download(attachment.url, MAX_ARTICLE_BYTES) };
}

/** Fetches an attachment, refusing more than maxBytes whatever the server claims. */
async function download(url: string, maxBytes: number): Promise<Uint8Array> {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  if (!response.ok || !response.body) throw new CorpusEditError(`Discord did not deliver the file (HTTP ${response.status}); please upload it again.`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.length;
    if (total > maxBytes) throw new CorpusEditError(`The file is larger than ${maxBytes} bytes; articles can be at most that.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function send(interaction: ChatInputCommandInteraction, reply: Reply): Promise<void> {
  const message = renderReplyDiscord(reply);
  if (interaction.deferred) {
    const { flags: _ephemeralSetAtDefer, ...rest } = message;
    await interaction.editReply(rest);
  } else {
    await interaction.reply(message);
  }
}

async function apologise(interaction: ChatInputCommandInteraction, logger: Logger): Promise<void> {
  const message = { content: APOLOGY, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] as [] } } as const;
  try {
    if (interaction.replied) await interaction.followUp(message);
    else if (interaction.deferred) await interaction.editReply({ content: APOLOGY });
    else await interaction.reply(message);
  } catch (error) {
    logger.error("could not send the apology", error);
  }
}

async function autocomplete(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  try {
    const focused = interaction.options.getFocused(true);
    const choices = deps.accepting()
      ? suggest(deps.commands, interaction.commandName, { name: focused.name, value: String(focused.value) }, { app: deps.app, caller: callerOf(interaction) }, (error) =>
          deps.logger.error("autocomplete failed", error),
        )
      : [];
    await interaction.respond(choices);
  } catch (error) {
    deps.logger.error("autocomplete failed", error, { command: interaction.commandName });
  }
}

function outcomeOf(reply: Reply): string {
  if (reply.kind === "answer") return reply.answer.answered ? "answered" : "not-in-articles";
  if (reply.kind === "notice") return reply.tone;
  return reply.kind;
}
