import { describe, expect, it } from "vitest";
import { messageTextOf } from "../../src/discord/messageText.js";

const json = <T>(value: T) => ({ toJSON: () => value });
const snapshots = (...messages: object[]) => ({ first: () => messages[0] });

describe("the text of a message, for Find sources", () => {
  it("GIVEN content THEN the content, before anything a bot put beside it", () => {
    expect(messageTextOf({ content: "  Turkey brokered the deal ", embeds: [json({ title: "Headline" })], components: [] })).toBe(
      "Turkey brokered the deal",
    );
  });

  it("GIVEN no content THEN a forwarded message's, else embeds' titles and descriptions, else components v2 text", () => {
    expect(messageTextOf({ content: "", messageSnapshots: snapshots({ content: "Forwarded claim" }) })).toBe("Forwarded claim");
    const embeds = [json({ title: "Aleppo deal", description: "Turkey brokered it" }), json({ description: "   " })];
    expect(messageTextOf({ content: "", embeds, components: [] })).toBe("Aleppo deal\nTurkey brokered it");
    const layout = json({
      type: 17,
      components: [
        { type: 10, content: "First" },
        { type: 1, components: [] },
        { type: 10, content: "Second" },
      ],
    });
    expect(messageTextOf({ content: "", embeds: [], components: [layout as never] })).toBe("First\nSecond");
  });

  it("GIVEN what discord.js makes of a message Discord sent without content or a snapshot without embeds THEN empty text, no error", () => {
    expect(messageTextOf({ content: null })).toBe("");
    expect(messageTextOf({ content: null, messageSnapshots: snapshots({ content: null }) })).toBe("");
    expect(messageTextOf({ content: null, messageSnapshots: snapshots() })).toBe("");
  });
});
