import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { GUILD_ID, serverFolders } from "./serverCorpora.js";

/** A server's settings, in its folder beside its articles: DATA_DIR/servers/<id>/settings.json. */
export const SETTINGS_FILE = "settings.json";

const ServerSettingsSchema = z
  .object({
    /** The channel where reports of a wrong speaker or quote in this server's answers are posted; null: the bot's log only. */
    reportsChannelId: z.string().regex(GUILD_ID).nullable().default(null),
    /** Answers are seen only by whoever asked, unless they ask with private:False. */
    privateAnswers: z.boolean().default(false),
  })
  .strict();

export type ServerSettings = z.infer<typeof ServerSettingsSchema>;

export const DEFAULT_SETTINGS: ServerSettings = { reportsChannelId: null, privateAnswers: false };

/**
 * Each server's settings, kept with its data and read once: a server's moderators change them with
 * /settings. A settings file that cannot be read or is not valid counts as the defaults, and says
 * why through `onProblem`; the next change writes a valid one.
 */
export class ServerSettingsStore {
  /** Each server's settings as read (or being read: one read, however many ask at once). */
  private readonly cache = new Map<string, Promise<ServerSettings>>();

  constructor(
    private readonly dataDir: string,
    private readonly onProblem: (guildId: string, problem: string) => void = () => {},
  ) {}

  async get(guildId: string | null): Promise<ServerSettings> {
    if (guildId === null || !GUILD_ID.test(guildId)) return DEFAULT_SETTINGS;
    let settings = this.cache.get(guildId);
    if (!settings) {
      settings = this.read(guildId);
      this.cache.set(guildId, settings);
    }
    return settings;
  }

  /** Changes some settings of a server and saves them (written whole, then renamed over the old file). */
  async set(guildId: string, change: Partial<ServerSettings>): Promise<ServerSettings> {
    const next = ServerSettingsSchema.parse({ ...(await this.get(guildId)), ...change });
    const file = this.fileOf(guildId);
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`);
    await rename(temporary, file);
    this.cache.set(guildId, Promise.resolve(next));
    return next;
  }

  private fileOf(guildId: string): string {
    return path.join(serverFolders(this.dataDir, guildId).dataDir, SETTINGS_FILE);
  }

  private async read(guildId: string): Promise<ServerSettings> {
    let raw: string;
    try {
      raw = await readFile(this.fileOf(guildId), "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") this.onProblem(guildId, `settings cannot be read (${code ?? String(error)})`);
      return DEFAULT_SETTINGS;
    }
    try {
      const parsed = ServerSettingsSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
      this.onProblem(guildId, `settings are not valid (${parsed.error.issues.map((i) => i.message).join("; ")}); the defaults apply`);
    } catch {
      this.onProblem(guildId, "settings are not valid JSON; the defaults apply");
    }
    return DEFAULT_SETTINGS;
  }
}
