import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Engine } from "../../src/answer/engine.js";
import { Citebot } from "../../src/app/citebot.js";
import { Cooldown } from "../../src/app/cooldown.js";
import { dispatch } from "../../src/commandKit/dispatch.js";
import { libraryOf } from "../support/corpus.js";

describe("Cooldown", () => {
  it("GIVEN a user who just asked THEN they wait the rest of the window; others do not", () => {
    let now = 0;
    const cooldown = new Cooldown(5, () => now);
    expect(cooldown.take("a")).toBe(0);
    now = 1_200;
    expect(cooldown.take("a")).toBe(4);
    expect(cooldown.take("b")).toBe(0);
    now = 5_000;
    expect(cooldown.take("a")).toBe(0);
  });

  it("GIVEN a cooldown of 0 THEN nobody waits", () => {
    const cooldown = new Cooldown(0);
    expect([cooldown.take("a"), cooldown.take("a")]).toEqual([0, 0]);
  });
});

describe("/ask cooldown", () => {
  it("GIVEN two quick questions from one Discord user THEN the second gets an ephemeral 'try again in N s'", async () => {
    const engine = new Engine(libraryOf({ a: "The ferry resumed on Friday, the port said." }), "now", "t");
    const app = new Citebot(engine, { corpusDir: "/none", dataDir: "/none" }, { askCooldownSeconds: 30 });
    const caller = { id: "42", guildId: "1", roleIds: [], canManageGuild: false };
    const first = await dispatch(commands, "ask", { question: "When did the ferry resume?" }, { app, caller });
    const second = await dispatch(commands, "ask", { question: "When did the ferry resume?" }, { app, caller });
    expect(first.kind).toBe("answer");
    expect(second).toMatchObject({ kind: "notice", ephemeral: true, text: [expect.stringMatching(/try again in (29|30) s/)] });
  });
});
