import { REST, Routes } from "discord.js";
import type { APIApplicationCommand, RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import type { DiscordSettings } from "../config.js";

export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

export interface CommandDiff {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
}

/** What registering `local` would change against what Discord has: nothing, when all is unchanged. */
export function diffCommands(local: readonly CommandDefinition[], registered: readonly APIApplicationCommand[]): CommandDiff {
  const remote = new Map(registered.map((c) => [c.name, c]));
  const diff: CommandDiff = { added: [], changed: [], removed: [], unchanged: [] };
  for (const command of local) {
    const existing = remote.get(command.name);
    if (!existing) diff.added.push(command.name);
    else if (JSON.stringify(normalise(command)) !== JSON.stringify(normalise(existing))) diff.changed.push(command.name);
    else diff.unchanged.push(command.name);
  }
  const names = new Set(local.map((c) => c.name));
  diff.removed = registered.filter((c) => !names.has(c.name)).map((c) => c.name);
  return diff;
}

export const hasChanges = (diff: CommandDiff) => diff.added.length + diff.changed.length + diff.removed.length > 0;

/** The fields that matter, with Discord's defaults filled in, so that local and remote compare equal. */
function normalise(command: Partial<APIApplicationCommand> | CommandDefinition): unknown {
  const c = command as Record<string, unknown>;
  return {
    type: c.type ?? 1,
    name: c.name,
    description: c.description ?? "",
    default_member_permissions: c.default_member_permissions ?? null,
    nsfw: c.nsfw ?? false,
    options: normaliseOptions(c.options),
  };
}

function normaliseOptions(options: unknown): unknown[] {
  if (!Array.isArray(options)) return [];
  return options.map((o: Record<string, unknown>) => ({
    type: o.type,
    name: o.name,
    description: o.description ?? "",
    required: o.required ?? false,
    autocomplete: o.autocomplete ?? false,
    min_length: o.min_length ?? null,
    max_length: o.max_length ?? null,
    min_value: o.min_value ?? null,
    max_value: o.max_value ?? null,
    choices: o.choices ?? [],
    options: normaliseOptions(o.options),
  }));
}

/** Where commands are registered: the bot's settings, its application id known. */
export type SyncTarget = DiscordSettings & { clientId: string };

export interface SyncResult extends CommandDiff {
  scope: string;
  wrote: boolean;
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
  if (wrote) await rest.put(route, { body: local });
  return { ...diff, scope: target.guildId ? `guild ${target.guildId}` : "global", wrote };
}
