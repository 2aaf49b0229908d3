import { PermissionFlagsBits, type ChatInputCommandInteraction, type AutocompleteInteraction } from "discord.js";
import type { Caller } from "../replies/caller.js";

/** The caller of an interaction: their id, guild, roles and whether they may manage the server. */
export function callerOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): Caller {
  const member = interaction.member;
  const roleIds = !member ? [] : Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return {
    id: interaction.user.id,
    guildId: interaction.guildId,
    roleIds,
    canManageGuild: interaction.inGuild() && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false),
  };
}
