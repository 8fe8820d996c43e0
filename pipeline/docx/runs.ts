/**
 * @fileoverview Run boundaries at any character: a `w:r` is split in two (the second a copy of the
 * first's properties, `w:rPr`, so formatting is kept) so that a comment range or a revision can start
 * or end exactly at a character of the finding.
 */
import { firstW, isW, setText, type XmlElement, type XmlNode } from "./xml.js";

/** A point between two nodes: `parent.insertBefore(x, before)` puts x there. */
export interface Point {
  parent: XmlNode;
  before: XmlNode | null;
}

const pieceLength = (node: XmlElement): number => (isW(node, "t") ? (node.textContent ?? "").length : 1);

/**
 * Makes a run boundary before character `at` of `node` (a `w:t` or `w:tab`; `at` may equal the
 * node's length: after it) and returns the point there, between runs. Splitting keeps the text
 * before the point in the original nodes, so points taken earlier at later characters stay valid:
 * callers split from the end of the document backwards.
 */
export function splitAt(node: XmlElement, at: number): Point {
  const run = node.parentNode as XmlElement;
  let moveFrom: XmlNode | null;
  if (at <= 0) moveFrom = node;
  else if (at >= pieceLength(node)) moveFrom = node.nextSibling;
  else {
    const text = node.textContent ?? "";
    const tail = node.cloneNode(false) as XmlElement;
    setText(node, text.slice(0, at));
    setText(tail, text.slice(at));
    run.insertBefore(tail, node.nextSibling);
    moveFrom = tail;
  }
  const parent = run.parentNode!;
  // Nothing of the run's content before the point: the point is before the run.
  let contentBefore = false;
  for (let c = run.firstChild; c && c !== moveFrom; c = c.nextSibling) if (!isW(c, "rPr")) contentBefore = c.nodeType === 1 || contentBefore;
  if (!contentBefore) return { parent, before: run };
  let contentAfter = false;
  for (let c = moveFrom; c; c = c.nextSibling) contentAfter = c.nodeType === 1 || contentAfter;
  if (!contentAfter) return { parent, before: run.nextSibling };
  const second = run.cloneNode(false) as XmlElement;
  const props = firstW(run, "rPr");
  if (props) second.appendChild(props.cloneNode(true));
  while (moveFrom) {
    const next: XmlNode | null = moveFrom.nextSibling;
    second.appendChild(moveFrom);
    moveFrom = next;
  }
  parent.insertBefore(second, run.nextSibling);
  return { parent, before: second };
}

/** The runs between two points that share a parent-chain order (start before end), in document order. */
export function runsBetween(start: Point, end: Point, body: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const startNode = start.before;
  const endNode = end.before;
  let inside = false;
  const walk = (n: XmlNode): boolean => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c === endNode && inside) return true;
      if (c === startNode) inside = true;
      if (isW(c, "r")) {
        if (inside) out.push(c);
        continue;
      }
      if (c.nodeType === 1 && walk(c)) return true;
    }
    if (n === end.parent && endNode === null && inside) return true;
    if (n === start.parent && startNode === null) inside = true;
    return false;
  };
  walk(body);
  return out;
}
