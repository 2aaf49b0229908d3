import { commands } from "../../commands/index.js";
import type { Citebot } from "../app/citebot.js";
import { usageOf } from "../commandKit/usage.js";
import type { Logger } from "../log.js";
import { runConsole } from "./console.js";

/** Starts the local console on standard input and output; resolves when input ends or /quit. */
export async function startConsole(app: Citebot, logger: Logger, reason: string): Promise<void> {
  const { articles, passages } = app.engine.stats();
  process.stdout.write(
    `Citebot local console: ${articles} articles, ${passages} passages.\n${reason}\n` +
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
    },
  );
}
