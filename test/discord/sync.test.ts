import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { discordDefinitions } from "../../src/commandKit/command.js";
import { diffCommands, hasChanges } from "../../src/discord/sync.js";

const local = discordDefinitions(commands);
/** What Discord returns for registered commands: ids, versions and filled-in defaults. */
const registered = local.map((c: any, i) => ({
  ...c,
  id: String(i),
  application_id: "1",
  version: "1",
  type: c.type ?? 1,
  description: c.description ?? "",
  default_member_permissions: c.default_member_permissions ?? null,
  nsfw: false,
  options: (c.options ?? []).map((o: object) => ({ required: false, ...o })),
})) as never[];

describe("diffCommands", () => {
  it("GIVEN two identical command sets THEN return no difference", () => {
    const diff = diffCommands(local, registered);
    expect(hasChanges(diff)).toBe(false);
    expect(diff.unchanged.sort()).toEqual(["Find sources", "ask", "corpus", "help", "reindex", "settings", "source"]);
  });

  it("GIVEN nothing registered THEN every command is added", () => {
    expect(diffCommands(local, []).added.sort()).toEqual(["Find sources", "ask", "corpus", "help", "reindex", "settings", "source"]);
  });

  it("GIVEN a changed description and a stale command THEN changed and removed", () => {
    const edited = registered.map((c: any) => (c.name === "ask" ? { ...c, description: "old text" } : c));
    const diff = diffCommands(local, [...edited, { name: "old", description: "x", type: 1 }] as never[]);
    expect(diff.changed).toEqual(["ask"]);
    expect(diff.removed).toEqual(["old"]);
  });

  // Each field a definition may carry, changed on Discord's side: the command is written. The same
  // field equal on both sides (Discord adding its ids, version and defaults): it is not.
  const corpusAt = (c: any) => c.name === "corpus";
  const fileOption = (c: any) => c.options[0].options[0];
  const fieldChanges: [string, (c: any) => void][] = [
    ["description", (c) => (c.description = "Moderators: something else")],
    ["type", (c) => (c.type = 3)],
    ["contexts", (c) => (c.contexts = [0, 1, 2])],
    ["integration_types", (c) => (c.integration_types = [0, 1])],
    ["name_localizations", (c) => (c.name_localizations = { fr: "corpus" })],
    ["description_localizations", (c) => (c.description_localizations = { fr: "Modérateurs" })],
    ["default_member_permissions", (c) => (c.default_member_permissions = "8")],
    ["nsfw", (c) => (c.nsfw = true)],
    ["an option's file_types", (c) => (fileOption(c).file_types = [".md"])],
    ["an option's required", (c) => (fileOption(c).required = true)],
    ["an option's description", (c) => (fileOption(c).description = "old")],
    ["a subcommand's options", (c) => c.options[1].options.pop()],
    ["a field Discord adds later", (c) => (c.some_new_field = 1)],
  ];
  for (const [field, change] of fieldChanges) {
    it(`GIVEN ${field} different on Discord THEN /corpus is written; the same THEN it is not`, () => {
      const same = structuredClone(registered) as any[];
      const changed = structuredClone(registered) as any[];
      change(changed.find(corpusAt));
      const diff = diffCommands(local, changed);
      // Another type is another command to Discord: the one registered goes, ours is added.
      if (field === "type") expect([diff.added, diff.removed]).toEqual([["corpus"], ["corpus"]]);
      else expect(diff.changed).toEqual(["corpus"]);
      expect(hasChanges(diffCommands(local, same))).toBe(false);
    });
  }

  it("GIVEN what Discord returns besides: ids, version, nulls, default flags, the old dm_permission THEN unchanged", () => {
    const echoed = (registered as any[]).map((c) => ({
      ...c,
      guild_id: "9",
      dm_permission: true,
      name_localizations: null,
      description_localizations: null,
      options: c.options.map((o: any) => ({ autocomplete: false, choices: [], ...o, name_localizations: null })),
    }));
    expect(hasChanges(diffCommands(local, echoed))).toBe(false);
  });
});
