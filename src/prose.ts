/**
 * What Citebot says in a notice or an error, before a transport draws it: its own words, literals
 * (an id, a file name, anything a user typed) and commands to type. Each transport draws literals
 * and commands in its own syntax: Discord as `code` and `/corpus add replace:True`, the console as
 * plain text and `/corpus add <file> --replace`.
 */
export type Segment = string | { literal: string } | { command: CommandHint };
export type Prose = readonly Segment[];

/** A command to suggest: its name, subcommand, the option typed first, and other options with values. */
export interface CommandHint {
  name: string;
  subcommand?: string;
  /** The option a console line gives first, without its name ("file" of /corpus add); a placeholder when no value. */
  first?: { name: string; value?: string };
  options?: Readonly<Record<string, string | number | boolean>>;
}

export const literal = (text: string): Segment => ({ literal: text });
export const command = (hint: CommandHint): Segment => ({ command: hint });

/**
 * Prose from a template: the template's own text is Citebot's words; each value is a literal
 * (strings and numbers, since they come from outside) or a segment as given.
 *
 *     prose`There is no article with the id ${id}. ${command({ name: "corpus", subcommand: "list" })} shows them.`
 */
export function prose(strings: TemplateStringsArray, ...values: (string | number | Segment)[]): Prose {
  const out: Segment[] = [];
  strings.forEach((text, i) => {
    if (text) out.push(text);
    if (i < values.length) {
      const value = values[i]!;
      out.push(typeof value === "string" || typeof value === "number" ? literal(String(value)) : value);
    }
  });
  return out;
}

/** Draws prose with a transport's own drawing of literals and commands. */
export function drawProse(
  text: Prose,
  draw: { words(text: string): string; literal(text: string): string; command(hint: CommandHint): string },
): string {
  return text
    .map((s) => (typeof s === "string" ? draw.words(s) : "literal" in s ? draw.literal(s.literal) : draw.command(s.command)))
    .join("");
}

/** The syntaxes of the transports at this machine: the console's commands start with a slash, the command line's do not. */
export type LocalSyntax = "console" | "cli";

/** The console's and the command line's syntax: `/corpus add <file> --replace`, `corpus list --page 2`. */
export function consoleCommand(hint: CommandHint, syntax: LocalSyntax = "console"): string {
  const parts = [syntax === "cli" ? hint.name : `/${hint.name}`];
  if (hint.subcommand) parts.push(hint.subcommand);
  if (hint.first) parts.push(hint.first.value ?? `<${hint.first.name}>`);
  for (const [name, value] of Object.entries(hint.options ?? {})) parts.push(value === true ? `--${name}` : `--${name} ${String(value)}`);
  return parts.join(" ");
}

/** Prose as plain text, with the console's syntax for commands: for logs, audit lines and the console. */
export function plainProse(text: Prose, syntax: LocalSyntax = "console"): string {
  return drawProse(text, { words: (w) => w, literal: (l) => l, command: (hint) => consoleCommand(hint, syntax) });
}

/** A user's mistake that a command answers with a message rather than an apology. */
export class ProseError extends Error {
  constructor(readonly prose: Prose) {
    super(plainProse(prose));
  }
}
