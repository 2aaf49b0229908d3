import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { discordCommands } from "../../src/commandKit/command.js";
import { diffCommands, hasChanges } from "../../src/discord/sync.js";

const local = [...discordCommands(commands).values()].map((c) => c.definition);
/** What Discord returns for registered commands: ids, versions and filled-in defaults. */
const registered = local.map((c, i) => ({
  ...c,
  id: String(i),
  application_id: "1",
  version: "1",
  type: 1,
  default_member_permissions: c.default_member_permissions ?? null,
  nsfw: false,
  options: (c.options ?? []).map((o) => ({ required: false, ...o })),
})) as never[];

describe("diffCommands", () => {
  it("GIVEN two identical command sets THEN return no difference", () => {
    const diff = diffCommands(local, registered);
    expect(hasChanges(diff)).toBe(false);
    expect(diff.unchanged.sort()).toEqual(["ask", "corpus", "help", "reindex", "source"]);
  });

  it("GIVEN nothing registered THEN every command is added", () => {
    expect(diffCommands(local, []).added.sort()).toEqual(["ask", "corpus", "help", "reindex", "source"]);
  });

  it("GIVEN a changed description and a stale command THEN changed and removed", () => {
    const edited = registered.map((c: any) => (c.name === "ask" ? { ...c, description: "old text" } : c));
    const diff = diffCommands(local, [...edited, { name: "old", description: "x", type: 1 }] as never[]);
    expect(diff.changed).toEqual(["ask"]);
    expect(diff.removed).toEqual(["old"]);
  });
});
