/**
 * @fileoverview Character classes on UTF-16 code units, for the hot loops of normalize and segment.
 * Plain comparisons instead of regexes, so a 20k-character document costs no allocations.
 */

/** ASCII digit 0-9. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** ASCII letter. */
export function isLatin(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Han ideograph (CJK unified, extension A, compatibility) or 〇. Surrogate halves of extension B+
 * count too, so a rare character is still "CJK" for line-joining decisions.
 */
export function isHan(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    c === 0x3007 ||
    (c >= 0xd840 && c <= 0xd87f)
  );
}

/** Horizontal space as it appears after normalize (ASCII space only; others are folded to it). */
export function isSpace(c: number): boolean {
  return c === 32;
}

/**
 * Any horizontal whitespace of the original text that normalize folds to an ASCII space: space, tab,
 * NBSP, ideographic space U+3000 and the typographic spaces U+2000–U+200A, U+202F, U+205F.
 */
export function isFoldableSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x0b || c === 0x0c;
}

/** Characters that carry nothing and are dropped: BOM, zero-width space/joiners, word joiner, soft hyphen. */
export function isInvisible(c: number): boolean {
  return c === 0xfeff || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xad;
}

/** Sentence-final punctuation (full and half width). */
export function isSentenceEnd(c: number): boolean {
  return c === 0x3002 /* 。 */ || c === 0xff01 /* ！ */ || c === 0xff1f /* ？ */ || c === 33 /* ! */ || c === 63 /* ? */;
}

/** Clause separators: ，,；;：: (、 is not one: it separates list items inside a clause). */
export function isClauseSeparator(c: number): boolean {
  return c === 0xff0c || c === 44 || c === 0xff1b || c === 59 || c === 0xff1a || c === 58;
}

/** Closing quotes and brackets that stay with the sentence they close. */
export function isCloser(c: number): boolean {
  return (
    c === 0x201d /* ” */ ||
    c === 0x2019 /* ’ */ ||
    c === 0x300d /* 」 */ ||
    c === 0x300f /* 』 */ ||
    c === 0xff09 /* ） */ ||
    c === 41 /* ) */ ||
    c === 0x300b /* 》 */ ||
    c === 0x3011 /* 】 */ ||
    c === 0x3015 /* 〕 */ ||
    c === 93 /* ] */ ||
    c === 34 /* " */ ||
    c === 39 /* ' */
  );
}

/** Trimmed bounds of text[start, end) (ASCII spaces and tabs only: newlines never occur inside a line). */
export function trimBounds(text: string, start: number, end: number): [number, number] {
  while (start < end && isFoldableSpace(text.charCodeAt(start))) start++;
  while (end > start && isFoldableSpace(text.charCodeAt(end - 1))) end--;
  return [start, end];
}
