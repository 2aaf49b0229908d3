import { PermissionFlagsBits } from "discord-api-types/v10";
import { z } from "zod";
import { isModerator } from "../src/replies/caller.js";
import { defineCommand } from "../src/replies/command.js";
import { notice } from "../src/replies/reply.js";

/** /reindex (moderators): rebuild the index from the corpus folder. */
export const reindex = defineCommand({
  definition: {
    name: "reindex",
    description: "Moderators: rebuild the index from the corpus folder",
    default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
    dm_permission: false,
  },
  options: z.object({}),
  slow: true,
  ephemeralByDefault: true,
  async run(_options, { app, caller, audit }) {
    if (!isModerator(caller, app.moderatorRoleIds)) {
      audit?.({ action: "reindex", result: "refused: not a moderator" });
      return notice("refusal", "Only moderators can reindex: you need the Manage Server permission or a moderator role.");
    }
    const joined = app.reindexing;
    const outcome = await app.reindex();
    if (!outcome.ok) {
      audit?.({ action: "reindex", result: `failed: ${outcome.problems.length} problem(s), previous index kept` });
      return { kind: "reindex-failed", problems: outcome.problems, ephemeral: true };
    }
    const { articles, passages, milliseconds, changes, warnings } = outcome;
    audit?.({ action: "reindex", result: `done: ${articles} articles, ${passages} passages${joined ? " (joined a running reindex)" : ""}` });
    return { kind: "reindexed", report: { articles, passages, milliseconds, changes, warnings, joined }, ephemeral: true };
  },
});
