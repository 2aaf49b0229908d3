import { commands } from "../../commands/index.js";
import type { Citebot } from "../app/citebot.js";
import { usageOf } from "../commandKit/usage.js";
import type { Logger } from "../log.js";
import { runConsole } from "./console.js";

/** Starts the local console on standard input and output; resolves when input ends or /quit. */
export async function startConsole(app: Citebot, logger: Logger, reason: string, server: string | null = null): Promise<void> {
  const { articles, passages } = app.engine.stats();
  const own = server === null ? null : await app.servers.get(server);
  const acting =
    server === null
      ? ""
      : ` Acting as in server ${server}: its own ${own?.engine.articles.length ?? 0} articles besides the shared ones; /corpus and /reindex change them.`;
  process.stdout.write(
    `Citebot local console: ${articles} shared articles, ${passages} passages.${acting}\n${reason}\n` +
      `Type ${[...commands.values()].flatMap((c) => usageOf(c, "console")).join(", ")} or /quit\n` +
      "(plain text is asked as a question).\n\n",
  );
  await runConsole(
    app,
    commands,
    { input: process.stdin, output: process.stdout },
    {
      onError: (error) => logger.error("command failed", error),
      onAudit: (entry) => logger.info("audit", entry),
      onLog: (message, fields) => logger.info(message, fields),
      server,
    },
  );
}
