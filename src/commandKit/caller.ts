/** Who runs a command, as far as permissions go. */
export interface Caller {
  id: string;
  /** The guild the command was used in; null in a DM or the local console. */
  guildId: string | null;
  roleIds: readonly string[];
  /** Has the Manage Server permission where the command was used. */
  canManageGuild: boolean;
  /** Never held back by a command's cooldown. */
  unthrottled?: boolean;
}

/** The local console's user: the person at the keyboard runs the bot, so may do everything, as often as they like. */
export const CONSOLE_CALLER: Caller = { id: "console", guildId: null, roleIds: [], canManageGuild: true, unthrottled: true };

/** Moderators: Manage Server, or a role listed in MODERATOR_ROLE_IDS. */
export function isModerator(caller: Caller, moderatorRoleIds: readonly string[]): boolean {
  return caller.canManageGuild || caller.roleIds.some((role) => moderatorRoleIds.includes(role));
}
