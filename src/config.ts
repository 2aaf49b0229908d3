import path from "node:path";
import dotenv from "dotenv";
import { z } from "zod";
import type { Folders } from "./build/open.js";
import { DEFAULT_QUOTAS, type Quotas } from "./limits.js";

const SNOWFLAKE = /^\d{17,20}$/;
/** Servers' own indexes together, by default: a sixth of this 24 GB machine, beside the shared index and Node. */
const DEFAULT_SERVER_INDEX_MEMORY_MB = 4096;
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
/** A whole number from the environment, within its bounds, or its default when not set. */
const whole = (fallback: number, min: number, max: number, unit: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `must be a whole number of ${unit}` })
      .int(`must be a whole number of ${unit}`)
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );
const MB = 1024 * 1024;

const ConfigSchema = z.object({
  DISCORD_TOKEN: optional(
    z
      .string()
      .trim()
      .regex(/^[^\s"']+$/, "must be the bot token alone, without spaces or quotes"),
  ),
  DISCORD_CLIENT_ID: optional(z.string().trim().regex(SNOWFLAKE, "must be a Discord id (17 to 20 digits)")),
  DISCORD_GUILD_ID: optional(z.string().trim().regex(SNOWFLAKE, "must be a Discord id (17 to 20 digits)")),
  MODERATOR_ROLE_IDS: z.preprocess(
    (value) =>
      typeof value === "string"
        ? value
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    z.array(z.string().regex(SNOWFLAKE, "must be comma-separated Discord role ids")),
  ),
  DISCORD_API_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. http://127.0.0.1:8080/api" })),
  CORPUS_DIR: z.preprocess(blankToUndefined, z.string().default("./corpus")),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default("./data")),
  SHARD_COUNT: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
    z
      .union([z.literal("auto"), z.coerce.number().int().min(1).max(1000)], { error: "must be a whole number of shards or auto" })
      .default("auto"),
  ),
  ASK_COOLDOWN_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: "must be a number of seconds" }).min(0, "must be 0 or more").max(3600, "must be at most 3600").default(3),
  ),
  URL_ALLOWED_PRIVATE_HOSTS: z.preprocess(
    (value) =>
      typeof value === "string"
        ? value
            .split(",")
            .map((s) => s.trim().toLowerCase())
            .filter(Boolean)
        : [],
    z.array(
      z.string().regex(/^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/, "must be comma-separated host or host:port names"),
    ),
  ),
  MODERATION_CHANNEL_ID: optional(z.string().trim().regex(SNOWFLAKE, "must be a Discord channel id (17 to 20 digits)")),
  CURATOR_GUILD_ID: optional(z.string().trim().regex(SNOWFLAKE, "must be a Discord id (17 to 20 digits)")),
  SERVER_INDEX_MEMORY_MB: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "must be a number of megabytes" })
      .int("must be a whole number of megabytes")
      .min(16, "must be at least 16")
      .default(DEFAULT_SERVER_INDEX_MEMORY_MB),
  ),
  SERVER_MAX_ARTICLES: whole(DEFAULT_QUOTAS.articlesPerServer, 1, 1_000_000, "articles"),
  SERVER_MAX_MB: whole(DEFAULT_QUOTAS.bytesPerServer / MB, 1, 1_000_000, "megabytes"),
  SERVER_TRASH_MB: whole(DEFAULT_QUOTAS.trashBytesPerServer / MB, 0, 1_000_000, "megabytes"),
  SERVER_EDITS_PER_MINUTE: whole(DEFAULT_QUOTAS.editsPerServerPerMinute, 1, 10_000, "edits"),
  LINK_FETCHES_PER_SERVER: whole(DEFAULT_QUOTAS.linkFetchesPerServer, 1, 100, "fetches"),
  LINK_FETCHES_TOTAL: whole(DEFAULT_QUOTAS.linkFetchesTotal, 1, 1_000, "fetches"),
  REINDEX_THREADS: whole(DEFAULT_QUOTAS.reindexThreads, 1, 64, "threads"),
  ANSWER_THREADS: whole(DEFAULT_QUOTAS.answerThreads, 1, 64, "threads"),
  QUESTIONS_WAITING_PER_SERVER: whole(DEFAULT_QUOTAS.questionsWaitingPerServer, 1, 1_000_000, "questions"),
  QUESTIONS_WAITING_TOTAL: whole(DEFAULT_QUOTAS.questionsWaitingTotal, 1, 10_000_000, "questions"),
  LOG_LEVEL: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
    z.enum(["debug", "info", "warn", "error", "silent"], { error: "must be one of debug, info, warn, error, silent" }).default("info"),
  ),
});

export type LogLevel = z.infer<typeof ConfigSchema>["LOG_LEVEL"];

/** How to reach the bot's Discord application: the one record the bot, command sync and deploy share. */
export interface DiscordSettings {
  token: string;
  /** The application's id; null when the token does not say it (then asked of Discord). */
  clientId: string | null;
  /** Register commands in this guild (instant) instead of globally. */
  guildId: string | null;
  /** Discord's API at another address (the tests' loopback Discord). */
  apiUrl: string | null;
}

export interface Config {
  discord: DiscordSettings | null;
  moderatorRoleIds: string[];
  /** Shards for npm run start:sharded: a number, or "auto" for Discord's recommendation. */
  shardCount: number | "auto";
  /** Seconds a user waits between two /ask (0: no limit). */
  askCooldownSeconds: number;
  /** Where reports of a wrong speaker or quote are posted; null: they go to the log only. */
  moderationChannelId: string | null;
  /** The one server whose moderators manage the shared corpus; null: none does (only the owner, on disk and from the CLI). */
  curatorGuildId: string | null;
  /** How much memory servers' own indexes may take together before the least recently used are let go. */
  serverIndexBudgetBytes: number;
  /** host or host:port a linked page may be fetched from though it resolves to a private address. */
  allowedPrivateHosts: string[];
  /** What each server may keep and do, and the threads the bot's work shares (limits.ts). */
  quotas: Quotas;
  folders: Folders;
  logLevel: LogLevel;
}

/** Every missing or malformed variable, in one message. Never contains a variable's value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Citebot's configuration is not valid:\n${problems.map((p) => `- ${p}`).join("\n")}\nSee .env.example.`);
    this.name = "ConfigError";
  }
}

/**
 * The configuration from the environment (and `.env`, which never overrides a set variable).
 * Without DISCORD_TOKEN there is no Discord section: the bot runs as the local console.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, { readDotenv = env === process.env } = {}): Config {
  if (readDotenv) dotenv.config({ quiet: true });
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const c = parsed.data;
  const folders = { corpusDir: path.resolve(c.CORPUS_DIR), dataDir: path.resolve(c.DATA_DIR) };
  let discord: Config["discord"] = null;
  if (c.DISCORD_TOKEN) {
    const clientId = c.DISCORD_CLIENT_ID ?? clientIdFromToken(c.DISCORD_TOKEN);
    discord = { token: c.DISCORD_TOKEN, clientId, guildId: c.DISCORD_GUILD_ID ?? null, apiUrl: c.DISCORD_API_URL ?? null };
  }
  return {
    discord,
    moderatorRoleIds: c.MODERATOR_ROLE_IDS,
    askCooldownSeconds: c.ASK_COOLDOWN_SECONDS,
    curatorGuildId: c.CURATOR_GUILD_ID ?? null,
    moderationChannelId: c.MODERATION_CHANNEL_ID ?? null,
    serverIndexBudgetBytes: c.SERVER_INDEX_MEMORY_MB * 1024 * 1024,
    allowedPrivateHosts: c.URL_ALLOWED_PRIVATE_HOSTS,
    quotas: {
      articlesPerServer: c.SERVER_MAX_ARTICLES,
      bytesPerServer: c.SERVER_MAX_MB * MB,
      trashBytesPerServer: c.SERVER_TRASH_MB * MB,
      editsPerServerPerMinute: c.SERVER_EDITS_PER_MINUTE,
      linkFetchesPerServer: c.LINK_FETCHES_PER_SERVER,
      linkFetchesTotal: c.LINK_FETCHES_TOTAL,
      reindexThreads: c.REINDEX_THREADS,
      answerThreads: c.ANSWER_THREADS,
      questionsWaitingPerServer: c.QUESTIONS_WAITING_PER_SERVER,
      questionsWaitingTotal: c.QUESTIONS_WAITING_TOTAL,
    },
    shardCount: c.SHARD_COUNT,
    folders,
    logLevel: c.LOG_LEVEL,
  };
}

/** The configuration, or null after printing why it is invalid (for entry points, which then exit 1). */
export function loadConfigOrExplain(): Config | null {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return null;
  }
}

/** A bot token's first part is its application's id in base64; null when it does not decode to one. */
export function clientIdFromToken(token: string): string | null {
  const id = Buffer.from(token.split(".")[0] ?? "", "base64").toString("utf8");
  return SNOWFLAKE.test(id) ? id : null;
}

/** Just the folders (for the CLI and eval, which need no Discord settings). */
export function foldersFromEnv(env: NodeJS.ProcessEnv = process.env): Folders {
  return loadConfig(env).folders;
}
