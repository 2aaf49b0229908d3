import { createInterface } from "node:readline";
import type { Engine } from "../answer/engine.js";
import { CorpusError } from "../corpus/errors.js";
import { renderAnswerText, renderSourceText } from "../render/text.js";
import { rebuild, type Folders } from "../store/open.js";

export const CONSOLE_HELP = `Commands:
  /ask <question>   the best passages for a question, quoted and attributed (plain text is asked too)
  /source <id>      a passage with the sentences around it, or an article's card
  /reindex          rebuild the index from the corpus folder
  /stats            what is indexed
  /help             this text
  /quit             leave (Ctrl-D works too)`;

const MAX_QUESTION_LENGTH = 300;

/**
 * The local console: the bot's commands typed at a prompt, answers rendered as text. Reads one command
 * a line, so it can be scripted with piped input.
 */
export async function runConsole(engine: Engine, folders: Folders, io = { input: process.stdin, output: process.stdout }): Promise<void> {
  const interactive = io.input.isTTY === true;
  const lines = createInterface({ input: io.input, output: interactive ? io.output : undefined, prompt: "citebot> " });
  const say = (text: string) => io.output.write(`${text}\n`);
  let current = engine;
  if (interactive) lines.prompt();
  for await (const line of lines) {
    const [, command = "/ask", rest = ""] = line.trim().match(/^(\/\w+)?\s*([\s\S]*)$/) ?? [];
    if (line.trim() === "") {
      if (interactive) lines.prompt();
      continue;
    }
    switch (command.toLowerCase()) {
      case "/ask":
        if (!rest.trim()) say("Ask a question after /ask, for example: /ask Who brokered the deal?");
        else if (rest.length > MAX_QUESTION_LENGTH) say(`That question is ${rest.length} characters long; please keep it under ${MAX_QUESTION_LENGTH}.`);
        else say(renderAnswerText(current.ask(rest)));
        break;
      case "/source":
        say(rest.trim() ? renderSourceText(current.source(rest)) : "Give an id after /source: a passage id such as 003_998c32d5a799b7d3:5.2, or an article id.");
        break;
      case "/reindex":
        try {
          const rebuilt = await rebuild(folders);
          current = rebuilt.engine;
          const { articles, passages } = current.stats();
          say(`Reindexed ${articles} articles, ${passages} passages in ${Math.round(rebuilt.milliseconds)} ms.`);
        } catch (error) {
          if (!(error instanceof CorpusError)) throw error;
          say(`Reindex failed; still answering from the previous index.\n${error.message}`);
        }
        break;
      case "/stats":
        say(Object.entries(current.stats()).map(([k, v]) => `${k}: ${v}`).join("\n"));
        break;
      case "/help":
        say(CONSOLE_HELP);
        break;
      case "/quit":
      case "/exit":
        lines.close();
        return;
      default:
        say(`Unknown command ${command}. Type /help for the list.`);
    }
    if (interactive) lines.prompt();
  }
}
