/** What a terminal is told while long work runs: one line, rewritten in place. */
export interface ProgressLine {
  show(text: string): void;
  /** Removes the line, before the result is written. */
  clear(): void;
}

/** Lines rewritten at most this often: quicker than the eye needs is only noise. */
const EVERY_MS = 100;

/**
 * Progress on a terminal: a line rewritten in place on `stream`. When the stream is not a terminal
 * (piped, redirected to a file) it says nothing, so that logs and pipes get results only.
 */
export function progressLine(stream: { isTTY?: boolean; write(text: string): unknown }, now: () => number = Date.now): ProgressLine {
  if (stream.isTTY !== true) return { show: () => {}, clear: () => {} };
  let shownAt = -Infinity;
  let shown = false;
  return {
    show(text) {
      const at = now();
      if (at - shownAt < EVERY_MS) return;
      shownAt = at;
      shown = true;
      stream.write(`\r\x1b[2K${text}…`);
    },
    clear() {
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
    },
  };
}
