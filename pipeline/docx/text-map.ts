/**
 * @fileoverview Where each character of a .docx's extracted text (formats/docx.ts: mammoth, one line
 * per paragraph, Word's automatic numbers typed in) lives in word/document.xml.
 *
 * The body is walked the way mammoth reads it (runs' `w:t` and `w:tab`; deleted text and field
 * instructions left out) into a stream of characters, each with the XML node and index it comes
 * from. The extracted text is then aligned with that stream character by character. The alignment
 * is greedy with a bounded resynchronisation rather than a reimplementation of mammoth: characters
 * only one side has (automatic numbers, footnote marks, Markdown markup of a plain text, blank lines
 * and trimmed spaces) are skipped, so the map survives changes in how paragraphs are joined.
 */
import { childrenOf, isW, type XmlElement, type XmlNode } from "./xml.js";

/** One text-bearing element of a run: `w:t` (its characters) or `w:tab` (one character). */
export interface TextPiece {
  node: XmlElement;
  text: string;
}

export interface BodyText {
  /** The concatenated text of the body, paragraphs separated by "\n". */
  text: string;
  pieces: TextPiece[];
  /** Per character of `text`: index into `pieces`, -1 for a paragraph separator. */
  piece: Int32Array;
  /** Per character of `text`: index inside its piece. */
  at: Int32Array;
}

/** Elements whose content mammoth does not show (deleted text, moved-from text, field codes, properties). */
const SKIPPED = new Set(["del", "moveFrom", "instrText", "delInstrText", "pPr", "rPr", "sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "commentReference", "footnoteReference", "endnoteReference"]);

export function bodyText(body: XmlElement): BodyText {
  const pieces: TextPiece[] = [];
  let text = "";
  const pieceOf: number[] = [];
  const atOf: number[] = [];
  const push = (s: string, piece: number) => {
    for (let k = 0; k < s.length; k++) {
      pieceOf.push(piece);
      atOf.push(piece < 0 ? 0 : k);
    }
    text += s;
  };
  const visit = (n: XmlNode): void => {
    if (n.nodeType !== 1) return;
    const el = n as XmlElement;
    const local = el.localName;
    // mc:AlternateContent: mammoth reads the fallback.
    if (local === "AlternateContent") {
      for (const c of childrenOf(el)) if ((c as XmlElement).localName === "Fallback") visit(c);
      return;
    }
    if (!isW(el)) {
      for (const c of childrenOf(el)) visit(c);
      return;
    }
    if (SKIPPED.has(local)) return;
    if (local === "t" || local === "tab" || local === "noBreakHyphen") {
      if (local === "tab" && !isW(el.parentNode, "r")) return; // tab stops in w:tabs are not text
      const s = local === "t" ? (el.textContent ?? "") : local === "tab" ? "\t" : "\u2011";
      if (!s) return;
      pieces.push({ node: el, text: s });
      push(s, pieces.length - 1);
      return;
    }
    for (const c of childrenOf(el)) visit(c);
    if (local === "p") push("\n", -1);
  };
  visit(body);
  return { text, pieces, piece: Int32Array.from(pieceOf), at: Int32Array.from(atOf) };
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** How far ahead a resynchronisation looks (characters on either side). */
const WINDOW = 4000;
/** How many following non-space characters must agree for a resynchronisation to be accepted. */
const AGREE = 8;

/**
 * For every UTF-16 position of `original`, the position in `xml` holding the same character, or -1.
 * Mapped positions increase strictly.
 */
export function alignText(original: string, xml: string): Int32Array {
  const map = new Int32Array(original.length).fill(-1);
  let i = 0;
  let j = 0;
  const agrees = (a: number, b: number): boolean => {
    let n = 0;
    while (n < AGREE) {
      while (a < original.length && isSpace(original[a])) a++;
      while (b < xml.length && isSpace(xml[b])) b++;
      if (a >= original.length || b >= xml.length) return a >= original.length && b >= xml.length ? true : n > 0;
      if (original[a] !== xml[b]) return false;
      a++;
      b++;
      n++;
    }
    return true;
  };
  while (i < original.length && j < xml.length) {
    const o = original[i]!;
    const x = xml[j]!;
    if (o === x) {
      map[i++] = j++;
      continue;
    }
    if (isSpace(o)) {
      i++;
      continue;
    }
    if (isSpace(x)) {
      j++;
      continue;
    }
    // A character only one side has: the smallest skip after which both sides agree again.
    let moved = false;
    for (let d = 1; d <= WINDOW && !moved; d++) {
      if (i + d <= original.length && agrees(i + d, j)) {
        i += d;
        moved = true;
      } else if (j + d <= xml.length && agrees(i, j + d)) {
        j += d;
        moved = true;
      }
    }
    if (!moved) {
      // A character written differently on each side: skip both.
      i++;
      j++;
    }
  }
  return map;
}
