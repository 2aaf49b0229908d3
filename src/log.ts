import type { LogLevel } from "./config.js";

const ORDER = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  /** Errors carry their stack trace. */
  error(message: string, error?: unknown, fields?: Record<string, unknown>): void;
}

/** One line per event on standard error: time, level, message, key=value fields. */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const emit = (at: keyof typeof ORDER, message: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[at] < ORDER[level]) return;
    const pairs = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === "string" && !/\s|"/.test(v) ? v : JSON.stringify(v)}`);
    write([new Date().toISOString(), at.toUpperCase(), message, ...pairs].join(" "));
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, error, f) => {
      emit("error", m, f);
      if (error !== undefined && ORDER.error >= ORDER[level])
        write(error instanceof Error ? (error.stack ?? error.message) : String(error));
    },
  };
}
