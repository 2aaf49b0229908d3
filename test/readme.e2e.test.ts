import { spawn } from "node:child_process";
import { once } from "node:events";
import { copyFile, cp, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messageText } from "./support/discordMessages.js";
import { FakeDiscord, GUILD_ID, TOKEN } from "./support/fakeDiscord.js";

/**
 * The README's steps as a newcomer runs them, in a checkout of their own: `cp .env.example .env`, set
 * what the README says to set, `npm start`. Only the installed packages are shared (linked), and the
 * environment is a bare one, so the `.env` file is all the configuration there is.
 */
async function checkout(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "citebot-checkout-"));
  for (const file of ["package.json", "package-lock.json", "tsconfig.json", ".env.example"]) await copyFile(file, path.join(dir, file));
  await cp("corpus", path.join(dir, "corpus"), { recursive: true });
  for (const shared of ["node_modules", "src", "commands"]) await symlink(path.resolve(shared), path.join(dir, shared));
  return dir;
}

/** `cp .env.example .env`, then each KEY= line given a value, as a newcomer edits the file. */
async function dotenvFromExample(dir: string, values: Record<string, string>): Promise<void> {
  await copyFile(path.join(dir, ".env.example"), path.join(dir, ".env"));
  let text = await readFile(path.join(dir, ".env"), "utf8");
  for (const [key, value] of Object.entries(values)) {
    expect(text).toMatch(new RegExp(`^${key}=`, "m"));
    text = text.replace(new RegExp(`^${key}=.*$`, "m"), `${key}=${value}`);
  }
  await writeFile(path.join(dir, ".env"), text);
}

const bareEnv = () => ({ PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir() });

function npmStart(dir: string, stdin: "ignore" | "pipe" = "ignore") {
  const child = spawn("npm", ["start"], { cwd: dir, env: bareEnv(), stdio: [stdin, "pipe", "pipe"], detached: true });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c) => (stdout += String(c)));
  child.stderr!.on("data", (c) => (stderr += String(c)));
  const killAll = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  return { child, output: () => ({ stdout, stderr }), killAll };
}

describe("the README's quick start, as written", () => {
  it("GIVEN .env copied from .env.example with a token set THEN npm start logs in as one whole bot and answers, whatever SHARD_COUNT says", async () => {
    // Both at once, each in its own checkout with its own Discord: a newcomer's two machines.
    await Promise.all(
      ["auto", "2"].map(async (shardCount) => {
        const dir = await checkout();
        const discord = await FakeDiscord.start();
        await dotenvFromExample(dir, {
          DISCORD_TOKEN: TOKEN,
          DISCORD_GUILD_ID: GUILD_ID,
          DISCORD_API_URL: discord.apiUrl,
          SHARD_COUNT: shardCount,
        });
        const bot = npmStart(dir);
        try {
          await expect.poll(() => bot.output().stderr, { timeout: 30_000, interval: 100 }).toMatch(/slash commands registered/);
          expect(discord.identifiedAs).toEqual([[0, 1]]);
          const { message } = await discord.command("ask", [{ name: "question", value: "Who brokered the deal?" }]);
          expect(messageText(message)).toContain("> The deal was brokered by Turkey and Russia.");
          // As Ctrl-C or a service manager does: the signal goes to npm and the bot under it.
          process.kill(-bot.child.pid!, "SIGTERM");
          // npm itself ends on the signal; the output closes when the bot under it has stopped.
          await once(bot.child, "close");
          expect(bot.output().stderr).toMatch(/shutting down signal=SIGTERM[\s\S]*INFO stopped/);
          expect(bot.output().stderr).not.toMatch(/shardCount|Error/);
        } catch (error) {
          // What the bot logged is what explains a failure here.
          throw new Error(`SHARD_COUNT=${shardCount}: ${(error as Error).message}\nThe bot's log:\n${bot.output().stderr}`);
        } finally {
          bot.killAll();
          await discord.stop();
        }
      }),
    );
  }, 90_000);

  it("GIVEN .env copied from .env.example and no token THEN npm start is the local console, and answers what is piped in", async () => {
    const dir = await checkout();
    await dotenvFromExample(dir, {});
    const console_ = npmStart(dir, "pipe");
    try {
      console_.child.stdin!.end("/ask Who brokered the deal?\n");
      const [code] = await once(console_.child, "exit");
      expect(code).toBe(0);
      expect(console_.output().stdout).toMatch(/local console[\s\S]*> The deal was brokered by Turkey and Russia\./);
    } finally {
      console_.killAll();
    }
  }, 60_000);
});
