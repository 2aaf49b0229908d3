import { foldersFromEnv } from "./config.js";
import { CONSOLE_HELP, runConsole } from "./console/console.js";
import { CorpusError } from "./corpus/errors.js";
import { openEngine } from "./store/open.js";

/** `npm start`: the local console over the corpus (the Discord transport connects when a token is set). */
async function main(): Promise<void> {
  const folders = foldersFromEnv();
  const { engine, fromSnapshot, warnings } = await openEngine(folders);
  for (const w of warnings) console.error(`warning: ${w}`);
  const { articles, passages } = engine.stats();
  const note = process.env.DISCORD_TOKEN
    ? "DISCORD_TOKEN is set, but this version has no Discord connection yet: starting the local console."
    : "No DISCORD_TOKEN is configured, so this is the local console. Set DISCORD_TOKEN in .env to connect to Discord.";
  console.log(`Citebot local console. ${articles} articles, ${passages} passages (${fromSnapshot ? "saved index" : "index built"}).`);
  console.log(note);
  console.log(`${CONSOLE_HELP}\n`);
  await runConsole(engine, folders);
}

main().catch((error: unknown) => {
  console.error(error instanceof CorpusError ? `Citebot cannot start: ${error.message}` : error);
  process.exit(1);
});
