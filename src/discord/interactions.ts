import {
  type Attachment,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
} from "discord.js";
import type { Citebot } from "../app/citebot.js";
import type { Cooldown } from "../app/cooldown.js";
import { CorpusEditError } from "../app/corpusFiles.js";
import type { Upload } from "../app/upload.js";
import { type AuditEntry, type Choice, isSlow, type SlashCommand } from "../commandKit/command.js";
import { type CommandRegistry, dispatch, type RawOptions, suggest } from "../commandKit/dispatch.js";
import type { Reply } from "../commandKit/reply.js";
import { positionalOf } from "../commandKit/usage.js";
import { formatBytes, MAX_ARTICLE_BYTES } from "../corpus/files.js";
import type { Logger } from "../log.js";
import { shorten } from "../render/parts.js";
import { parseButtonId } from "./buttons.js";
import { callerOf } from "./caller.js";
import { codeSpan } from "./compose.js";
import { MAX_CHOICE_LENGTH, MAX_CHOICES } from "./limits.js";
import { escapeMarkdown } from "./markdown.js";
import { messageTextOf } from "./messageText.js";
import { isLayout, renderReplyDiscord, withLineAbove } from "./render.js";

export interface InteractionDeps {
  app: Citebot;
  commands: CommandRegistry;
  logger: Logger;
  /** False once shutdown has begun: new interactions are turned away. */
  accepting: () => boolean;
  /** Long work shows its progress once it has taken this long (default PROGRESS_AFTER_MS). */
  progressAfterMs?: number;
  /** Discord's id for each slash command, filled in once the commands are synced. */
  commandIds?: ReadonlyMap<string, string>;
  /** Tells the moderators (a message in MODERATION_CHANNEL_ID); absent when no channel is set. */
  notifyModerators?: (text: string) => Promise<void>;
  /** One report a user every REPORT_EVERY_SECONDS: a button pressed over and over cannot flood the moderators. */
  reports?: Cooldown;
}

/** How long a user waits between two reports of a wrong speaker or quote. */
export const REPORT_EVERY_SECONDS = 60;

/** A deferred reply shows progress once the work has taken this long… */
export const PROGRESS_AFTER_MS = 3_000;
/** …and is edited at most this often. */
const PROGRESS_EVERY_MS = 2_000;

const APOLOGY = "Sorry, something went wrong while answering that. It has been logged; please try again.";

/**
 * Answers one interaction. Never throws: a failure is logged and answered with an ephemeral
 * apology, by whichever call still fits (follow-up if replied, edit if deferred, else reply).
 */
export async function handleInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  if (interaction.isAutocomplete()) return autocomplete(interaction, deps);
  if (interaction.isButton()) return button(interaction, deps);
  if (!interaction.isChatInputCommand() && !interaction.isMessageContextMenuCommand()) return;
  const started = performance.now();
  let outcome = "error";
  let question: string | undefined;
  try {
    if (!deps.accepting()) {
      await interaction.reply({
        content: "Citebot is restarting; please ask again in a moment.",
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
      outcome = "refused:shutting-down";
      return;
    }
    const { command, raw } = commandOf(interaction, deps.commands);
    const name = command?.name ?? interaction.commandName;
    // Of the message content, only the question is logged; a crafted option of another type is not.
    const logged = command?.loggedOption === undefined ? undefined : raw[command.loggedOption];
    if (typeof logged === "string") question = logged;
    // Used through a user's own install in a server that has not added the bot: that server did not
    // ask for Citebot, so its answers are for the user alone.
    const owners = interaction.authorizingIntegrationOwners;
    const userInstallOnly = interaction.guildId !== null && Boolean(owners?.userId) && !owners?.guildId;
    const ephemeral =
      userInstallOnly ||
      command?.ephemeralByDefault === true ||
      (command?.privateOption !== undefined && raw[command.privateOption] === true);
    if (command && isSlow(command, raw.subcommand)) await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    const caller = callerOf(interaction);
    const audit = (entry: AuditEntry) => deps.logger.info("audit", { moderator: caller.id, guild: caller.guildId ?? "dm", ...entry });
    const progress = progressEdits(interaction, started, deps);
    const log = (message: string, fields: Record<string, string>) =>
      deps.logger.info(message, { command: interaction.commandName, ...fields });
    const reply = await dispatch(
      deps.commands,
      name,
      raw,
      { app: deps.app, caller, audit, progress: progress.show, log, commandIds: deps.commandIds },
      (error) => deps.logger.error("command failed", error, { command: interaction.commandName }),
    );
    await progress.stop();
    await send(interaction, userInstallOnly ? { ...reply, ephemeral: true } : reply);
    outcome = outcomeOf(reply);
  } catch (error) {
    deps.logger.error("interaction failed", error, { command: interaction.commandName, guild: interaction.guildId ?? "dm" });
    await apologise(interaction, deps.logger);
  } finally {
    deps.logger.info("interaction", {
      command: interaction.commandName,
      guild: interaction.guildId ?? "dm",
      user: interaction.user.id,
      question,
      ms: Math.round(performance.now() - started),
      outcome,
    });
  }
}

/**
 * Progress of long work as edits of the deferred reply: only once the work has taken
 * `progressAfterMs`, then at most one edit every PROGRESS_EVERY_MS (Discord limits how often a
 * message may be edited); `now` shows a line at once. The reply itself waits for edits in flight.
 */
function progressEdits(interaction: CommandInteraction, started: number, deps: InteractionDeps) {
  let chain: Promise<unknown> = Promise.resolve();
  let shownAt = -Infinity;
  let stopped = false;
  return {
    show(text: string, { now = false }: { now?: boolean } = {}) {
      if (stopped || !interaction.deferred) return;
      const at = performance.now();
      if (!now && (at - started < (deps.progressAfterMs ?? PROGRESS_AFTER_MS) || at - shownAt < PROGRESS_EVERY_MS)) return;
      shownAt = at;
      chain = chain
        .then(() =>
          stopped
            ? undefined
            : interaction.editReply({ content: `-# ${escapeMarkdown(text)}…`, embeds: [], allowedMentions: { parse: [] } }),
        )
        .catch((error: unknown) => deps.logger.warn("could not show progress", { error: String(error) }));
    },
    async stop() {
      stopped = true;
      await chain;
    },
  };
}

/**
 * The command an interaction runs, and its options: a slash command's as sent (a local-only one is
 * not Discord's to run), or for an entry on messages' Apps menu, the message's text as the command's
 * first required option (see messageTextOf).
 */
function commandOf(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  commands: CommandRegistry,
): { command: SlashCommand<never> | undefined; raw: RawOptions } {
  if (interaction.isChatInputCommand()) {
    const command = commands.get(interaction.commandName);
    return { command: command?.localOnly ? undefined : command, raw: rawOptionsOf(interaction) };
  }
  const command = [...commands.values()].find((c) => c.messageMenu?.name === interaction.commandName);
  const first = command && positionalOf(command.parameters);
  if (!command || !first) return { command: undefined, raw: {} };
  return { command, raw: { [first.name]: messageTextOf(interaction.targetMessage) } };
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

/** Fetches an attachment, refusing more than maxBytes whatever the server claims; any failure is said plainly. */
async function download(url: string, maxBytes: number): Promise<Uint8Array> {
  const again = "please upload it again.";
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    throw new CorpusEditError(`The file could not be downloaded from Discord (${downloadFailure(error)}); ${again}`);
  }
  if (!response.ok || !response.body) throw new CorpusEditError(`Discord did not deliver the file (HTTP ${response.status}); ${again}`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body) {
      total += chunk.length;
      if (total > maxBytes) throw new CorpusEditError(`The file is larger than ${formatBytes(maxBytes)}; articles can be at most that.`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof CorpusEditError) throw error;
    throw new CorpusEditError(`The download of the file from Discord broke off (${downloadFailure(error)}); ${again}`);
  }
  return Buffer.concat(chunks);
}

const DOWNLOAD_TIMEOUT_MS = 15_000;

function downloadFailure(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `no answer within ${DOWNLOAD_TIMEOUT_MS / 1000} s`;
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  return cause ?? (error instanceof Error ? error.message : String(error));
}

async function send(interaction: CommandInteraction, reply: Reply): Promise<void> {
  const message = renderReplyDiscord(reply);
  if (!interaction.deferred) {
    await interaction.reply(message);
  } else if (isLayout(message)) {
    // A deferred reply becomes a components v2 message by an edit that sets the flag and empties
    // what v2 has no place for: the progress line's content, any embeds.
    await interaction.editReply({ ...message, flags: MessageFlags.IsComponentsV2, content: null, embeds: [] });
  } else {
    // An edit changes only the fields it names: content is always named, so no progress line stays.
    const { flags: _ephemeralSetAtDefer, ...rest } = message;
    await interaction.editReply({ ...rest, content: rest.content ?? "" });
  }
}

async function apologise(interaction: CommandInteraction | ButtonInteraction, logger: Logger): Promise<void> {
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
      ? await suggest(
          deps.commands,
          interaction.commandName,
          { name: focused.name, value: String(focused.value) },
          { app: deps.app, caller: callerOf(interaction) },
          (error) => deps.logger.error("autocomplete failed", error),
        )
      : [];
    await interaction.respond(fitChoices(choices));
  } catch (error) {
    deps.logger.error("autocomplete failed", error, { command: interaction.commandName });
  }
}

/** Choices as Discord takes them: values it can send back, names flattened and clipped at a word, at most 25. */
export function fitChoices(choices: readonly Choice[]): Choice[] {
  const clip = (name: string) => {
    const flat = name.replace(/\s+/g, " ").trim() || "(untitled)";
    return flat.length <= MAX_CHOICE_LENGTH ? flat : `${flat.slice(0, MAX_CHOICE_LENGTH - 1).replace(/\s+\S*$/, "")}…`;
  };
  return choices
    .filter((c) => c.value.length >= 1 && c.value.length <= MAX_CHOICE_LENGTH)
    .slice(0, MAX_CHOICES)
    .map((c) => ({ value: c.value, name: clip(c.name) }));
}

/**
 * A click on an answer's button, answered from its id alone (so it works after a restart): More
 * context shows the passage as /source does, to whoever clicked, privately. A passage no longer in
 * the articles gets /source's clear answer; a button Citebot no longer makes, a sentence saying so.
 */
async function button(interaction: ButtonInteraction, deps: InteractionDeps): Promise<void> {
  const started = performance.now();
  let outcome = "error";
  try {
    const action = parseButtonId(interaction.customId);
    if (!action || !deps.accepting()) {
      await interaction.reply({
        content: action
          ? "Citebot is restarting; please try again in a moment."
          : "This button is from an older Citebot: ask again for a fresh answer.",
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
      outcome = action ? "refused:shutting-down" : "stale-button";
      return;
    }
    const caller = callerOf(interaction);
    if (action.kind === "report") {
      outcome = await report(interaction, action.passageId, deps);
      return;
    }
    const reply = await dispatch(deps.commands, "source", { id: action.passageId }, { app: deps.app, caller }, (error) =>
      deps.logger.error("button failed", error),
    );
    // Post in channel shows the passage to everyone, saying who shared it (a mention that pings nobody).
    const posting = action.kind === "post" && reply.kind === "passage";
    const message = renderReplyDiscord({ ...reply, ephemeral: !posting });
    await interaction.reply(posting ? withLineAbove(message, `-# Shared by <@${interaction.user.id}>`) : message);
    outcome = posting ? "posted" : outcomeOf(reply);
  } catch (error) {
    deps.logger.error("button failed", error, { button: interaction.customId });
    await apologise(interaction, deps.logger);
  } finally {
    deps.logger.info("interaction", {
      button: interaction.customId.split(":").slice(0, 2).join(":"),
      guild: interaction.guildId ?? "dm",
      ms: Math.round(performance.now() - started),
      outcome,
    });
  }
}

/** A report of a wrong speaker or quote: an audit line, a message to the moderators' channel if there is one, thanks to the reporter. */
async function report(interaction: ButtonInteraction, passageId: string, deps: InteractionDeps): Promise<"reported" | "report-throttled"> {
  const wait = deps.reports?.take(interaction.user.id) ?? 0;
  if (wait > 0) {
    await interaction.reply({
      content: `Thank you: your last report is with the moderators already. You can send another in ${wait} s.`,
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return "report-throttled";
  }
  const scope = await deps.app.scopeFor(interaction.guildId);
  const found = scope.source(passageId);
  const passage = found.kind === "passage" ? found.passage : null;
  deps.logger.info("audit", {
    moderator: interaction.user.id,
    guild: interaction.guildId ?? "dm",
    action: "report",
    target: passageId,
    result: passage ? `speaker ${passage.speaker ?? "none"}` : "passage no longer in the articles",
  });
  let told = false;
  if (deps.notifyModerators && passage) {
    const said = passage.speaker ? ` (attributed to ${escapeMarkdown(passage.speaker)})` : "";
    try {
      await deps.notifyModerators(
        `**Report:** <@${interaction.user.id}> says the speaker or quote of passage ${codeSpan(passageId)}${said} is wrong:\n> ${escapeMarkdown(shorten(passage.text, 1500))}`,
      );
      told = true;
    } catch (error) {
      // The report is in the audit line already: a channel that cannot be reached is the owner's to fix.
      deps.logger.error("could not post the report in the moderators' channel", error);
    }
  }
  await interaction.reply({
    content: told ? "Thank you: the moderators have been told." : "Thank you: your report is in the bot's log for its moderators.",
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
  return "reported";
}

function outcomeOf(reply: Reply): string {
  if (reply.kind === "answer") return reply.answer.answered ? "answered" : "not-in-articles";
  if (reply.kind === "notice") return reply.tone;
  return reply.kind;
}
