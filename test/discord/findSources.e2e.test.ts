import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Citebot } from "../../src/app/citebot.js";
import { openEngine } from "../../src/build/open.js";
import { SEED_CORPUS } from "../support/corpus.js";
import { messageText } from "../support/discordMessages.js";
import { type FakeDiscord, finalMessage } from "../support/fakeDiscord.js";
import { type LoopbackBot, startLoopbackBot } from "../support/loopbackBot.js";

let discord: FakeDiscord;
let loopback: LoopbackBot;
const log: string[] = [];
const json = (message: unknown) => JSON.stringify(message);
const PRIVATE = 64;

beforeAll(async () => {
  const folders = { corpusDir: SEED_CORPUS, dataDir: await mkdtemp(path.join(tmpdir(), "citebot-find-")) };
  const app = new Citebot((await openEngine(folders)).engine, folders);
  loopback = await startLoopbackBot(app, log);
  discord = loopback.discord;
});

afterAll(async () => {
  await loopback?.stop();
});

describe('"Find sources" on a message', () => {
  it("GIVEN a message making a claim THEN the passages bearing on it, quoted, privately; the same for a forwarded message", async () => {
    for (const forwarded of [false, true]) {
      const response = await discord.messageCommand("Find sources", "Turkey and Russia brokered the evacuation deal for Aleppo", {
        forwarded,
      });
      expect(response.callback.data.flags & PRIVATE).toBe(PRIVATE);
      const message = json(finalMessage(response));
      expect(message).toContain("**Claim:** Turkey and Russia brokered the evacuation deal for Aleppo");
      expect(message).toContain("The deal was brokered by Turkey and Russia.");
    }
  });

  it("GIVEN a bot's message with no content (a news feed's embed, a components v2 layout) THEN the text it shows is the claim", async () => {
    const embed = finalMessage(
      await discord.messageCommand("Find sources", "Aleppo evacuation deal\nTurkey and Russia brokered it", { postedAs: "embed" }),
    );
    expect(messageText(embed)).toContain("**Claim:** Aleppo evacuation deal Turkey and Russia brokered it");
    expect(messageText(embed)).toContain("The deal was brokered by Turkey and Russia.");
    const layout = finalMessage(
      await discord.messageCommand("Find sources", "Turkey and Russia brokered the deal", { postedAs: "layout" }),
    );
    expect(messageText(layout)).toContain("**Claim:** Turkey and Russia brokered the deal");
    expect(discord.rejected).toEqual([]);
  });

  it("GIVEN a claim the articles do not touch, a long message, and one with no text THEN each is said so", async () => {
    const unrelated = finalMessage(await discord.messageCommand("Find sources", "The new stadium in Lisbon seats ninety thousand fans"));
    expect(messageText(unrelated)).toMatch(/The articles do not cover this claim\./);
    const long = `Turkey and Russia brokered the evacuation deal. ${"It was a long and winding story told at length. ".repeat(12)}`;
    const cut = finalMessage(await discord.messageCommand("Find sources", long));
    expect(messageText(cut)).toContain("-# Only its first 300 characters were checked.");
    const empty = finalMessage(await discord.messageCommand("Find sources", ""));
    expect(empty.content).toBe("That message has no text to check: an image or a sticker alone gives Citebot nothing to look up.");
    expect(empty.flags & PRIVATE).toBe(PRIVATE);
  });

  it("GIVEN the commands registered THEN Find sources is a message command with no options, and find-sources no slash command", () => {
    const registered = discord.registeredCommands();
    const menu = registered.find((c: { name: string }) => c.name === "Find sources");
    expect(menu).toMatchObject({ type: 3, integration_types: [0, 1], contexts: [0, 1, 2] });
    expect(menu).not.toHaveProperty("options");
    expect(registered.map((c: { name: string }) => c.name)).not.toContain("find-sources");
  });

  it("GIVEN /help THEN each slash command as a clickable mention with the id the sync returned, and Find sources where it is found", async () => {
    const registered = discord.registeredCommands();
    const idOf = (name: string) => registered.find((c: { name: string }) => c.name === name).id;
    const help = finalMessage(await discord.command("help", []));
    const values = help.embeds[0].fields.map((f: { value: string }) => f.value).join("\n");
    expect(values).toContain(`</ask:${idOf("ask")}>`);
    expect(values).toContain(`</corpus add:${idOf("corpus")}> · </corpus remove:${idOf("corpus")}> · </corpus list:${idOf("corpus")}>`);
    expect(help.embeds[0].fields.map((f: { name: string }) => f.name)).toContain("Apps → Find sources");
  });

  it("GIVEN /corpus sent in a DM (Discord would not offer it there) THEN refused privately; /ask in a DM answers from the shared articles", async () => {
    const inDm = { dm: true, userId: "919191919191919191" };
    const refused = await discord.subcommand("corpus", "list", [], { ...inDm, permissions: 32n });
    expect(finalMessage(refused).content).toMatch(/^\/corpus is not for direct messages: it works only in a server that has added Citebot/);
    expect(finalMessage(refused).flags & PRIVATE).toBe(PRIVATE);
    const asked = finalMessage(await discord.command("ask", [{ name: "question", value: "Who brokered the deal?" }], inDm));
    expect(JSON.stringify(asked)).toContain("The deal was brokered by Turkey and Russia.");
  });
});
