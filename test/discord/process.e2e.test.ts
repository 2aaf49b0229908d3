import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Engine } from "../../src/answer/engine.js";
import { Citebot } from "../../src/app/citebot.js";
import { defineCommand, type SlashCommand } from "../../src/commandKit/command.js";
import { tempDataDir } from "../support/cli.js";
import { libraryOf, SEED_CORPUS } from "../support/corpus.js";
import { messageText } from "../support/discordMessages.js";
import { FakeDiscord, GUILD_ID, TOKEN } from "../support/fakeDiscord.js";
import { startLoopbackBot } from "../support/loopbackBot.js";
import { NODE_TS } from "../support/spawnSlow.js";

const TSX = path.resolve("node_modules/.bin/tsx");

async function runAsync(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(NODE_TS[0], [...NODE_TS.slice(1), ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (c) => (out += String(c)));
  child.stderr.on("data", (c) => (out += String(c)));
  await once(child, "exit");
  return out;
}

describe("npm start and npm run deploy-commands", () => {
  it("GIVEN malformed variables THEN npm start exits 1 with one message naming each", () => {
    const run = spawnSync(NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
      env: { ...process.env, DISCORD_TOKEN: "has a space", LOG_LEVEL: "loud" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/DISCORD_TOKEN[\s\S]*LOG_LEVEL/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("GIVEN deploy-commands twice THEN it registers, then reports nothing to write", async () => {
    const discord = await FakeDiscord.start();
    // A token that does not carry the application id: it is asked of Discord.
    const env = { ...process.env, DISCORD_TOKEN: "opaque-test-token", DISCORD_GUILD_ID: "", DISCORD_API_URL: discord.apiUrl };
    try {
      // Asynchronously: the stand-in answers from this process, so it must not be blocked.
      const first = await runAsync(["src/discord/deploy.ts"], env);
      expect(first).toMatch(
        /global\): registered[\s\S]*added: \/ask, "Find sources" \(on messages\), \/source, \/reindex, \/corpus, \/settings, \/help/,
      );
      const second = await runAsync(["src/discord/deploy.ts"], env);
      expect(second).toMatch(/already up to date, nothing written/);
      expect(discord.writesTo("/applications/111111111111111111/commands")).toHaveLength(1);
    } finally {
      await discord.stop();
    }
  });
});

describe("npm start, killed midway through an edit, started again, stopped", () => {
  it("GIVEN the bot killed with SIGKILL once an uploaded article is in place THEN the next start logs in, answers from it with its audit line, and exits 0 on SIGTERM", async () => {
    const SERVER = "333333333333333339";
    const discord = await FakeDiscord.start({ guilds: [GUILD_ID, SERVER] });
    const dataDir = await tempDataDir();
    const env = {
      ...process.env,
      DISCORD_TOKEN: TOKEN,
      DISCORD_GUILD_ID: GUILD_ID,
      DISCORD_API_URL: discord.apiUrl,
      CORPUS_DIR: SEED_CORPUS,
      DATA_DIR: dataDir,
      LOG_LEVEL: "info",
    };
    const start = (command: string, args: string[]) => {
      // A group of its own: a failed test ends the bot and what runs under it (tsx's Node) together.
      const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"], detached: true });
      const output = { log: "" };
      child.stderr!.on("data", (c) => (output.log += String(c)));
      return { child, output };
    };
    // node itself, not the tsx wrapper, so that SIGKILL hits the bot.
    const first = start(process.execPath, ["--import", "tsx", "src/main.ts"]);
    let second: ReturnType<typeof start> | null = null;
    try {
      await expect.poll(() => first.output.log, { timeout: 20_000, interval: 50 }).toMatch(/slash commands registered/);
      expect(first.output.log).not.toContain(TOKEN);
      const file = discord.attach("ferry-strike.txt", "The ferry crews went on strike on Monday, the union said.\n");
      const moderator = { permissions: 1n << 5n, userId: "888888888888888888", guildId: SERVER };
      void discord.subcommand("corpus", "add", [{ name: "file", type: 11, value: file }], moderator).catch(() => {});
      const articles = path.join(dataDir, "servers", SERVER, "articles");
      await expect.poll(() => existsSync(path.join(articles, "ferry-strike.txt")), { timeout: 20_000, interval: 5 }).toBe(true);
      first.child.kill("SIGKILL");
      await once(first.child, "exit");
      expect(first.output.log).not.toMatch(/action="corpus add"/);
      // Started as npm start starts it: through tsx, which relays the signal below.
      second = start(TSX, ["src/main.ts"]);
      await expect.poll(() => second!.output.log, { timeout: 20_000, interval: 50 }).toMatch(/slash commands already up to date/);
      const asked = await discord.command("ask", [{ name: "question", value: "When did the ferry crews strike?" }], { guildId: SERVER });
      expect(messageText(asked.message)).toContain("The ferry crews went on strike on Monday");
      const shared = await discord.command("ask", [{ name: "question", value: "Who brokered the deal?" }], {
        userId: "919191919191919191",
      });
      expect(messageText(shared.message)).toContain("> The deal was brokered by Turkey and Russia.");
      expect(second.output.log).toMatch(
        /INFO audit moderator=888888888888888888 guild=333333333333333339 action="corpus add" target=ferry-strike result="done \(recovered at start/,
      );
      second.child.kill("SIGTERM");
      const [code] = await once(second.child, "exit");
      expect(code).toBe(0);
      expect(second.output.log).toMatch(/shutting down signal=SIGTERM[\s\S]*stopped/);
    } finally {
      for (const { child } of [first, ...(second ? [second] : [])]) {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
      await discord.stop();
    }
  });
});

/** Citebot with one command more than it ships, over one small article, on a loopback Discord. */
async function withExtraCommand(command: SlashCommand<never>, body: (discord: FakeDiscord, log: string[]) => Promise<void>) {
  const app = new Citebot(new Engine(libraryOf({ a: "The ferry resumed on Friday, the port said." }), "now", "t"), {
    corpusDir: "/none",
    dataDir: "/none",
  });
  const log: string[] = [];
  const loopback = await startLoopbackBot(app, log, { commands: new Map([...commands, [command.name, command]]) });
  try {
    await body(loopback.discord, log);
  } finally {
    await loopback.stop();
  }
}

describe("an answer after a deferral", () => {
  it("GIVEN a slow command that shows progress, then answers THEN the edit turns the reply into components v2, the progress line cleared", async () => {
    const slowAsk = defineCommand({
      name: "slowask",
      description: "asks, slowly",
      help: "Asks slowly.",
      slow: true,
      run: async (_options, { app, caller, progress }) => {
        progress?.("Searching the articles", { now: true });
        await new Promise((resolve) => setTimeout(resolve, 50));
        const scope = await app.scopeFor(caller.guildId);
        return { kind: "answer", answer: scope.ask("When did the ferry resume?"), ephemeral: false };
      },
    });
    await withExtraCommand(slowAsk as never, async (discord) => {
      const response = await discord.command("slowask", []);
      expect(response.callback.type).toBe(5);
      await expect.poll(() => response.edits.length).toBe(2);
      expect(response.edits[0].content).toBe("-# Searching the articles…");
      const answer = response.edits[1];
      expect(answer).toMatchObject({ flags: 1 << 15, content: "", embeds: [] });
      expect(messageText(answer)).toContain("> The ferry resumed on Friday, the port said.");
      expect(discord.rejected).toEqual([]);
    });
  });
});

describe("failures inside a command", () => {
  it("GIVEN a handler that throws THEN an ephemeral apology, the error logged with its stack, and the bot keeps serving", async () => {
    const broken = defineCommand({
      name: "broken",
      description: "fails",
      help: "Fails.",
      run: () => {
        throw new Error("boom");
      },
    });
    await withExtraCommand(broken as never, async (discord, log) => {
      const { message: reply, callback } = await discord.command("broken", []);
      expect(callback.data.flags & 64).toBe(64);
      expect(reply.content).toMatch(/Sorry, something went wrong/);
      expect(log.join("\n")).toMatch(/ERROR command failed command=broken\nError: boom\n\s+at /);
      const after = await discord.command("ask", [{ name: "question", value: "When did the ferry resume?" }]);
      expect(messageText(after.message)).toContain("The ferry resumed on Friday");
    });
  });
});
