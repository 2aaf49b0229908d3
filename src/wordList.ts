/**
 * The words of a list written as text, one space or line break apart: long word lists read as
 * paragraphs, not one word a line.
 */
export function wordList(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}
