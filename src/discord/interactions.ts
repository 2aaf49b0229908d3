import {
  type Attachment,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  PermissionFlagsBits,
} from "discord.js";
import type { Citebot } from "../app/citebot.js";
import type { Cooldown } from "../app/cooldown.js";
import { CorpusEditError } from "../app/corpusFiles.js";
import type { ReportQueue } from "../app/reportQueue.js";
import { GUILD_ID } from "../app/serverCorpora.js";
import type { Upload } from "../app/upload.js";
import type { Caller } from "../commandKit/caller.js";
import { type AuditEntry, type Choice, isSlow, type SlashCommand } from "../commandKit/command.js";
import { type CommandRegistry, dispatch, type RawOptions, suggest } from "../commandKit/dispatch.js";
import type { Reply } from "../commandKit/reply.js";
import { positionalOf } from "../commandKit/usage.js";
import { formatBytes, MAX_ARTICLE_BYTES } from "../corpus/files.js";
import { DEFER_AT_THE_LATEST_MS, DEFER_WHEN_REPLY_LATER_THAN_MS, REPORT_EVERY_SECONDS } from "../limits.js";
import type { Logger } from "../log.js";
import { parseButtonId } from "./buttons.js";
import { callerOf } from "./caller.js";
import { MAX_CHOICE_LENGTH, MAX_CHOICES } from "./limits.js";
import { escapeMarkdown } from "./markdown.js";
import { messageTextOf } from "./messageText.js";
import { isLayout, renderReplyDiscord, withLineAbove } from "./render.js";
import type { Report } from "./reports.js";

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
  /** Reports on their way to the moderators' channels (reports.ts); absent: the log only. */
  reportQueue?: ReportQueue<Report>;
  /** The owner's channel for reports from the curator server when it has not chosen one (MODERATION_CHANNEL_ID). */
  moderationChannelId?: string | null;
  /** One report a user every REPORT_EVERY_SECONDS: a button pressed over and over cannot flood the moderators. */
  reports?: Cooldown;
}

export { REPORT_EVERY_SECONDS };

/** A deferred reply shows progress once the work has taken this long… */
export const PROGRESS_AFTER_MS = 3_000;
/** …and is edited at most this often. */
const PROGRESS_EVERY_MS = 2_000;

const APOLOGY = "Sorry, something went wrong while answering that. It has been logged; please try again.";

/** A reply only its reader sees, pinging nobody: every refusal and notice of this file's own. */
const privately = (content: string) => ({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] as [] } }) as const;

/** What a crafted payload's server id gets (one that is not a snowflake): a refusal, and one log line. */
const MALFORMED_GUILD = "Citebot could not tell which server this came from, so it did nothing.";
const isMalformedGuild = (guildId: string | null) => guildId !== null && !GUILD_ID.test(guildId);

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
      await interaction.reply(privately("Citebot is restarting; please ask again in a moment."));
      outcome = "refused:shutting-down";
      return;
    }
    const { command, raw } = commandOf(interaction, deps.commands);
    const name = command?.name ?? interaction.commandName;
    // Of the message content, only the question is logged; a crafted option of another type is not.
    const logged = command?.loggedOption === undefined ? undefined : raw[command.loggedOption];
    if (typeof logged === "string") question = logged;
    const refused = refusalOf(interaction, command);
    if (refused) {
      if (refused.log) deps.logger.warn(refused.log, { command: interaction.commandName, guild: interaction.guildId });
      await interaction.reply(privately(refused.text));
      outcome = refused.outcome;
      return;
    }
    // Used through a user's own install in a server that has not added the bot: that server did not
    // ask for Citebot, so its answers are for the user alone.
    const userInstallOnly = isUserInstallOnly(interaction);
    const caller = callerOf(interaction);
    const asksPrivately =
      command?.privateOption === undefined
        ? false
        : ((raw[command.privateOption] as boolean | undefined) ?? (await deps.app.settings.get(caller.guildId)).privateAnswers);
    const ephemeral = userInstallOnly || command?.ephemeralByDefault === true || asksPrivately;
    const ack = acknowledgement(interaction, ephemeral, deps.logger);
    if (command && isSlow(command, raw.subcommand)) await ack.defer();
    // Whatever was expected, a reply not ready in time is deferred: a cold server index, a busy machine.
    else ack.deferAt(started + DEFER_AT_THE_LATEST_MS);
    // Queued work (a question) says how long it is reckoned to take: a long wait is acknowledged at once.
    const replyExpectedIn = (ms: number) => {
      if (performance.now() - started + ms > DEFER_WHEN_REPLY_LATER_THAN_MS) void ack.defer();
    };
    const audit = (entry: AuditEntry) => deps.logger.info("audit", { moderator: caller.id, guild: caller.guildId ?? "dm", ...entry });
    const progress = progressEdits(interaction, started, deps);
    const log = (message: string, fields: Record<string, string>) =>
      deps.logger.info(message, { command: interaction.commandName, ...fields });
    const reply = await dispatch(
      deps.commands,
      name,
      { ...raw, ...(command?.privateOption ? { [command.privateOption]: asksPrivately } : {}) },
      { app: deps.app, caller, audit, progress: progress.show, log, commandIds: deps.commandIds, replyExpectedIn },
      (error) => deps.logger.error("command failed", error, { command: interaction.commandName }),
    );
    await progress.stop();
    await ack.settle();
    await send(interaction, userInstallOnly ? { ...reply, ephemeral: true } : reply, ephemeral);
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

/** Used through a user's own install in a server that has not added the bot. */
function isUserInstallOnly(interaction: CommandInteraction | ButtonInteraction): boolean {
  const owners = interaction.authorizingIntegrationOwners;
  return interaction.guildId !== null && Boolean(owners?.userId) && !owners?.guildId;
}

/**
 * Interactions refused before anything runs, whatever their payload claims: one from a server id
 * that is not one (a crafted payload; one log line, no stack), and a moderators' command outside a
 * server or in a server that has not added the bot (Discord offers them only there).
 */
function refusalOf(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  command: SlashCommand<never> | undefined,
): { text: string; outcome: string; log?: string } | null {
  if (isMalformedGuild(interaction.guildId))
    return {
      text: MALFORMED_GUILD,
      outcome: "refused:malformed-guild-id",
      log: "refused an interaction with a malformed server id",
    };
  if (!command?.moderatorsOnly) return null;
  const where = "it works only in a server that has added Citebot, used by that server's moderators.";
  if (interaction.guildId === null)
    return { text: `/${command.name} is not for direct messages: ${where}`, outcome: "refused:not-in-a-server" };
  if (interaction.authorizingIntegrationOwners?.guildId !== interaction.guildId)
    return {
      text: `This server has not added Citebot, so /${command.name} cannot run here: ${where}`,
      outcome: "refused:not-installed-here",
    };
  return null;
}

/**
 * An interaction's acknowledgement: a reply when the answer is ready in time, else a deferral first
 * ("thinking…") and an edit later. `deferAt` defers at that time unless the reply was ready first;
 * `settle` stops the timer and waits for a deferral in flight, so the reply that follows is sent the right way.
 */
function acknowledgement(interaction: CommandInteraction, ephemeral: boolean, logger: Logger) {
  let deferring: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  const defer = () =>
    (deferring ??= interaction
      .deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {})
      .then(() => {})
      .catch((error: unknown) => logger.warn("could not defer the reply", { error: String(error) })));
  return {
    defer,
    deferAt(at: number) {
      timer = setTimeout(() => void defer(), Math.max(0, at - performance.now()));
    },
    async settle() {
      clearTimeout(timer);
      await deferring;
    },
  };
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

async function send(interaction: CommandInteraction, reply: Reply, deferredPrivately: boolean): Promise<void> {
  const message = renderReplyDiscord(reply);
  if (!interaction.deferred) {
    await interaction.reply(message);
  } else if (reply.ephemeral && !deferredPrivately) {
    // A private reply (a refusal, a notice) to a public deferral: Discord cannot make the deferral
    // private, so it goes, and the reply follows privately.
    await interaction.deleteReply().catch(() => {});
    await interaction.followUp({ ...message, flags: (message.flags ?? 0) | MessageFlags.Ephemeral });
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
  const message = privately(APOLOGY);
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
      await interaction.reply(
        privately(
          action
            ? "Citebot is restarting; please try again in a moment."
            : "This button is from an older Citebot: ask again for a fresh answer.",
        ),
      );
      outcome = action ? "refused:shutting-down" : "stale-button";
      return;
    }
    if (isMalformedGuild(interaction.guildId)) {
      deps.logger.warn("refused a click with a malformed server id", { guild: interaction.guildId });
      await interaction.reply(privately(MALFORMED_GUILD));
      outcome = "refused:malformed-guild-id";
      return;
    }
    const caller = callerOf(interaction);
    if (action.kind === "report") {
      outcome = await report(interaction, action.passageId, caller, deps);
      return;
    }
    const cannotPost = action.kind === "post" ? postingRefusal(interaction) : null;
    if (cannotPost) {
      await interaction.reply(privately(cannotPost));
      outcome = "refused:cannot-post";
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

/**
 * Why Post in channel may not post for this member, or null: the post speaks in the channel for
 * them, so they must be allowed to send messages there (in a thread, to send in threads), not be
 * timed out, and the server must have added Citebot (through a user's own install, answers stay private).
 */
function postingRefusal(interaction: ButtonInteraction): string | null {
  if (interaction.guildId === null) return null;
  if (isUserInstallOnly(interaction)) return "This server has not added Citebot, so its answers stay private to you.";
  const needed = interaction.channel?.isThread() ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
  const member = interaction.member;
  const timedOut = member && "isCommunicationDisabled" in member && member.isCommunicationDisabled();
  if (timedOut || !interaction.memberPermissions?.has(needed))
    return "You cannot send messages in this channel, so Citebot cannot post the passage here for you.";
  return null;
}

/**
 * A report of a wrong speaker or quote: the reporter thanked at once, then an audit line and, when
 * the server has a reports channel (its /settings; the curator server's is MODERATION_CHANNEL_ID unless
 * it chose one), the report queued for it (reports.ts), so a flood of reports is a digest and never
 * holds up a reply.
 */
async function report(
  interaction: ButtonInteraction,
  passageId: string,
  caller: Caller,
  deps: InteractionDeps,
): Promise<"reported" | "report-throttled"> {
  const wait = deps.reports?.take(interaction.user.id) ?? 0;
  if (wait > 0) {
    await interaction.reply(privately(`Thank you: your last report is with the moderators already. You can send another in ${wait} s.`));
    return "report-throttled";
  }
  const channelId = deps.reportQueue ? await reportsChannelOf(caller.guildId, deps) : null;
  await interaction.reply(
    privately(
      channelId ? "Thank you: this server's moderators will be told." : "Thank you: your report is in the bot's log for its moderators.",
    ),
  );
  const found = (await deps.app.scopeFor(caller.guildId)).source(passageId);
  const passage = found.kind === "passage" ? found.passage : null;
  deps.logger.info("audit", {
    moderator: caller.id,
    guild: caller.guildId ?? "dm",
    action: "report",
    target: passageId,
    result: passage ? `speaker ${passage.speaker ?? "none"}` : "passage no longer in the articles",
    ...(channelId ? { channel: channelId } : {}),
  });
  if (channelId && passage)
    deps.reportQueue!.add(channelId, { reporter: caller.id, passageId, speaker: passage.speaker, text: passage.text });
  return "reported";
}

/** Where a server's reports go: the channel its moderators chose; for the curator server, else the owner's. */
async function reportsChannelOf(guildId: string | null, deps: InteractionDeps): Promise<string | null> {
  if (guildId === null) return null;
  const chosen = (await deps.app.settings.get(guildId)).reportsChannelId;
  return chosen ?? (guildId === deps.app.curatorGuildId ? (deps.moderationChannelId ?? null) : null);
}

function outcomeOf(reply: Reply): string {
  if (reply.kind === "answer") return reply.answer.answered ? "answered" : "not-in-articles";
  if (reply.kind === "notice") return reply.tone;
  return reply.kind;
}
