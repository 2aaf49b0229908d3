import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { tempDataDir } from "../support/cli.js";
import { SEED_CORPUS } from "../support/corpus.js";
import { messageText } from "../support/discordMessages.js";
import { FakeDiscord, GUILD_ID, OTHER_GUILD_ID, TOKEN } from "../support/fakeDiscord.js";

describe("npm run start:sharded", () => {
  it("GIVEN two shards that may log in at once THEN both log in without waiting out a bucket's 5 s, each answers its own guild's interactions, and no interaction reaches both", async () => {
    const discord = await FakeDiscord.start({ guilds: [GUILD_ID, OTHER_GUILD_ID], recommendedShards: 2, maxConcurrency: 2 });
    const manager = spawn(process.execPath, ["--import", "tsx", "src/discord/sharded.ts"], {
      env: {
        ...process.env,
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_URL: discord.apiUrl,
        SHARD_COUNT: "auto",
        CORPUS_DIR: SEED_CORPUS,
        DATA_DIR: await tempDataDir(),
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
      // A group of its own: a failed test ends the manager and its shards together, leaving none running.
      detached: true,
    });
    let log = "";
    manager.stderr.on("data", (c) => (log += String(c)));
    try {
      await expect.poll(() => log, { timeout: 60_000, interval: 200 }).toMatch(/all shards ready shards=2/);
      expect(discord.identified).toBe(2);
      // Two buckets: the second shard need not wait 5 s after the first, and did not.
      expect(discord.loginsTooSoon).toEqual([]);
      expect(discord.identifiedAt[1]! - discord.identifiedAt[0]!).toBeLessThan(5_000);
      for (const guildId of [GUILD_ID, OTHER_GUILD_ID]) {
        const { message: reply } = await discord.command("ask", [{ name: "question", value: "Who brokered the deal?" }], {
          guildId,
          userId: `9${guildId.slice(1)}`,
        });
        expect(messageText(reply)).toContain("> The deal was brokered by Turkey and Russia.");
      }
      expect([...discord.deliveredTo.get(GUILD_ID)!]).toEqual([1]);
      expect([...discord.deliveredTo.get(OTHER_GUILD_ID)!]).toEqual([0]);
      // Only shard 0 registers the commands.
      expect(discord.calls.filter((c) => c.method === "PUT" && c.path.endsWith("/commands"))).toHaveLength(1);
      manager.kill("SIGTERM");
      const [code] = await once(manager, "exit");
      expect(code).toBe(0);
    } finally {
      try {
        process.kill(-manager.pid!, "SIGKILL");
      } catch {
        // Already gone, shards and all.
      }
      await discord.stop();
    }
  }, 90_000);
});
