import type { CommandRegistry } from "../commandKit/dispatch.js";
import { usageOf } from "../commandKit/usage.js";

/** What `help` prints, and a usage error after its message: drawn from the commands' definitions. */
export function cliUsage(commands: CommandRegistry): string {
  const lines = ["Usage: npm run --silent cli -- <command> [options] [--json] [--server <id>]", "", "Commands:"];
  for (const command of commands.values()) {
    for (const usage of usageOf(command, "cli")) lines.push(`  ${usage}`);
    lines.push(`      ${command.help}`);
  }
  lines.push(
    "",
    "--json prints each reply as JSON, one value a line. With --json and no question, ask reads one question a line",
    "from standard input (source reads ids the same way) and prints one reply a line, in order.",
    "",
    "--server <id> acts as in that Discord server: it searches the shared articles and the server's own, and",
    "corpus and reindex change the server's own. Without it, they change the shared corpus.",
    "",
    "Environment: CORPUS_DIR (default ./corpus), DATA_DIR (default ./data).",
  );
  return lines.join("\n");
}

/** A mistake in how the CLI was called: the message and the usage go to stderr, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
