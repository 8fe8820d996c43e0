/**
 * @fileoverview Turns the word strings a jieba binding returns into offsets into the text, by
 * walking the text once. Whitespace tokens are dropped.
 */
import type { Token } from "../model/document.js";

/** True when every code unit of `w` is whitespace. */
function isBlank(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (!(c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0 || c === 0x3000 || c === 0x0b || c === 0x0c || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x205f || c === 0xfeff)) return false;
  }
  return true;
}

/**
 * Offsets of `words` in `text`.
 * @param words the segmenter's output, in order
 * @param make builds the token (lets tag() add its tag without a second pass)
 */
export function alignWords<W, T extends Token>(text: string, words: readonly W[], wordOf: (w: W) => string, make: (start: number, end: number, word: string, w: W) => T): T[] {
  const out: T[] = [];
  let pos = 0;
  for (const w of words) {
    const word = wordOf(w);
    if (word.length === 0) continue;
    let at: number;
    if (text.startsWith(word, pos)) at = pos;
    else {
      // The binding skipped or rewrote something (never seen with jieba, but stay safe): search ahead.
      at = text.indexOf(word, pos);
      if (at < 0) continue;
    }
    pos = at + word.length;
    if (isBlank(word)) continue;
    out.push(make(at, pos, word, w));
  }
  return out;
}
