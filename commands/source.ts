import type { IdSuggestion } from "../src/answer/suggest.js";
import { type Choice, defineCommand } from "../src/commandKit/command.js";
import { text } from "../src/commandKit/options.js";
import { notice } from "../src/commandKit/reply.js";
import { command, prose } from "../src/prose.js";

/** /source id:<passage or article id>: a passage in its context, or an article's card. */
export const source = defineCommand({
  name: "source",
  description: "Look up a passage or an article by its id: its context and where it was published",
  options: {
    id: text({
      description: "A passage id (from an /ask answer) or an article id",
      required: true,
      autocomplete: true,
      max: 100,
      empty: "Give a passage or article id.",
      tooLong: "Ids are at most 100 characters.",
    }),
  },
  help: "A passage with the sentences around it, or an article's card (publisher, date, link, who is quoted).",
  async run({ id }, { app, caller }) {
    const result = (await app.scopeFor(caller.guildId)).source(id);
    if (result.kind === "passage") return { kind: "passage", result, ephemeral: false };
    if (result.kind === "article") return { kind: "article", result, ephemeral: false };
    const hint =
      result.suggestions.length > 0
        ? prose`Nothing has the id ${id}. Did you mean one of these?`
        : prose`Nothing has the id ${id}. Passage ids look like ${"article-id:3.2"} (paragraph 3, sentence 2); ${command({ name: "ask" })} shows them under each quote.`;
    return notice("info", hint, { suggestions: result.suggestions });
  },
  async autocomplete({ value }, { app, caller }) {
    return idChoices((await app.scopeFor(caller.guildId)).suggestIds(value, 50));
  },
});

/** Suggested ids as autocomplete choices, best first, each with a readable name (the transport fits them to its limits). */
export function idChoices(suggestions: readonly IdSuggestion[]): Choice[] {
  return suggestions.map((s) => ({ value: s.id, name: s.kind === "article" ? `Article: ${s.label}` : `${s.id} · ${s.label}` }));
}
