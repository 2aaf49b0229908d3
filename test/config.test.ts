import { describe, expect, it } from "vitest";
import { ConfigError, clientIdFromToken, loadConfig } from "../src/config.js";

const TOKEN = `${Buffer.from("123456789012345678").toString("base64")}.abcdef.secret-part-of-the-token`;

describe("loadConfig", () => {
  it("GIVEN no token THEN no Discord section (the console) and default folders", () => {
    const config = loadConfig({}, { readDotenv: false });
    expect(config.discord).toBeNull();
    expect(config.folders.corpusDir).toMatch(/corpus$/);
    expect(config.logLevel).toBe("info");
  });

  it("GIVEN a token THEN the client id is read from it", () => {
    const config = loadConfig(
      { DISCORD_TOKEN: TOKEN, MODERATOR_ROLE_IDS: "111111111111111111, 222222222222222222" },
      { readDotenv: false },
    );
    expect(config.discord).toMatchObject({ token: TOKEN, clientId: "123456789012345678", guildId: null });
    expect(config.moderatorRoleIds).toEqual(["111111111111111111", "222222222222222222"]);
    expect(clientIdFromToken("not-a-token")).toBeNull();
  });

  it("GIVEN several bad variables THEN one error lists each, and never a value", () => {
    const bad = {
      DISCORD_TOKEN: "short secret!",
      DISCORD_GUILD_ID: "abc",
      MODERATOR_ROLE_IDS: "x,y",
      DISCORD_API_URL: "ftp://x",
      LOG_LEVEL: "loud",
    };
    let error: unknown;
    try {
      loadConfig(bad, { readDotenv: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ["DISCORD_TOKEN", "DISCORD_GUILD_ID", "MODERATOR_ROLE_IDS", "DISCORD_API_URL", "LOG_LEVEL"])
      expect(message).toContain(name);
    expect(message).not.toContain("short secret!");
  });
});
