import { type AutocompleteInteraction, type ButtonInteraction, type CommandInteraction, PermissionFlagsBits } from "discord.js";
import type { Caller } from "../commandKit/caller.js";

/**
 * The caller of an interaction: their id, guild, roles and whether they may manage the server. Roles
 * and permissions count only in a server: a direct message that carries member data (Discord never
 * sends one) gives its sender none.
 */
export function callerOf(interaction: CommandInteraction | AutocompleteInteraction | ButtonInteraction): Caller {
  const member = interaction.guildId === null ? null : interaction.member;
  // A cached GuildMember lists only roles the guild cache knows; the ids the interaction carried are in _roles.
  const carried = (member as unknown as { _roles?: unknown })?._roles;
  const roleIds = !member
    ? []
    : Array.isArray(member.roles)
      ? member.roles
      : Array.isArray(carried)
        ? (carried as string[])
        : [...member.roles.cache.keys()];
  return {
    id: interaction.user.id,
    guildId: interaction.guildId,
    roleIds,
    canManageGuild: interaction.inGuild() && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false),
  };
}
