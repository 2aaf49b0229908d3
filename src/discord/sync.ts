import { REST, Routes } from "discord.js";
import type { APIApplicationCommand, RESTPostAPIApplicationCommandsJSONBody } from "discord-api-types/v10";
import type { DiscordSettings } from "../config.js";

export type CommandDefinition = RESTPostAPIApplicationCommandsJSONBody;

export interface CommandDiff {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
}

/** What registering `local` would change against what Discord has: nothing, when all is unchanged. */
export function diffCommands(local: readonly CommandDefinition[], registered: readonly APIApplicationCommand[]): CommandDiff {
  // A slash command and a message-menu entry may share a name: each is known by its type and name.
  const keyOf = (c: { type?: number; name: string }) => `${c.type ?? 1}:${c.name}`;
  const remote = new Map(registered.map((c) => [keyOf(c), c]));
  const diff: CommandDiff = { added: [], changed: [], removed: [], unchanged: [] };
  for (const command of local) {
    const existing = remote.get(keyOf(command));
    if (!existing) diff.added.push(command.name);
    else if (JSON.stringify(normalise(command)) !== JSON.stringify(normalise(existing))) diff.changed.push(command.name);
    else diff.unchanged.push(command.name);
  }
  const keys = new Set(local.map(keyOf));
  diff.removed = registered.filter((c) => !keys.has(keyOf(c))).map((c) => c.name);
  return diff;
}

export const hasChanges = (diff: CommandDiff) => diff.added.length + diff.changed.length + diff.removed.length > 0;

/** What Discord adds to a registered command that a definition never says (and dm_permission, which `contexts` replaced). */
const SERVER_ONLY = new Set(["id", "application_id", "guild_id", "version", "name_localized", "description_localized", "dm_permission"]);

/** Discord's defaults: a field left out on one side and at its default on the other is the same. */
const COMMAND_DEFAULTS: Record<string, unknown> = { type: 1, description: "", nsfw: false, options: [] };
const OPTION_DEFAULTS: Record<string, unknown> = { required: false, autocomplete: false, choices: [], options: [], channel_types: [] };

/**
 * Every field of a command as one comparable value: keys sorted, what Discord adds left out, defaults
 * and nulls dropped, options likewise. Nothing is picked by name, so a field added to a definition
 * (contexts, integration_types, localizations, file_types …) is compared as soon as it is written.
 */
function normalise(command: Partial<APIApplicationCommand> | CommandDefinition): unknown {
  return canonical(command as Record<string, unknown>, COMMAND_DEFAULTS);
}

function canonical(record: Record<string, unknown>, defaults: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    if (SERVER_ONLY.has(key)) continue;
    let value = record[key];
    if (key === "options" && Array.isArray(value)) value = value.map((o: Record<string, unknown>) => canonical(o, OPTION_DEFAULTS));
    if (value === null || value === undefined || JSON.stringify(value) === JSON.stringify(defaults[key])) continue;
    out[key] = value;
  }
  return out;
}

/** Where commands are registered: the bot's settings, its application id known. */
export type SyncTarget = DiscordSettings & { clientId: string };

export interface SyncResult extends CommandDiff {
  scope: string;
  wrote: boolean;
  /** Each slash command's id as Discord registered it: what a clickable mention (`</ask:id>`) needs. */
  ids: Map<string, string>;
}

/** The application's id, asked of Discord, for a token that does not carry it. */
export async function applicationIdOf(token: string, apiUrl: string | null): Promise<string> {
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const application = (await rest.get(Routes.currentApplication())) as { id: string };
  return application.id;
}

/** Compares the local commands with Discord's and writes them only when they differ. */
export async function syncCommands(target: SyncTarget, local: readonly CommandDefinition[], { force = false } = {}): Promise<SyncResult> {
  const rest = new REST(target.apiUrl ? { api: target.apiUrl } : {}).setToken(target.token);
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.clientId, target.guildId)
    : Routes.applicationCommands(target.clientId);
  const registered = (await rest.get(route)) as APIApplicationCommand[];
  const diff = diffCommands(local, registered);
  const wrote = force || hasChanges(diff);
  const now = wrote ? ((await rest.put(route, { body: local })) as APIApplicationCommand[]) : registered;
  const ids = new Map((Array.isArray(now) ? now : []).filter((c) => (c.type ?? 1) === 1).map((c) => [c.name, c.id]));
  return { ...diff, scope: target.guildId ? `guild ${target.guildId}` : "global", wrote, ids };
}
