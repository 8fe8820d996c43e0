/**
 * @fileoverview Fixes as Word tracked changes (修订): the characters replaced are wrapped, run by run,
 * in `w:del` (their `w:t` become `w:delText`), and the replacement follows in a `w:ins` run carrying a
 * copy of the replaced run's properties, so accepting the change keeps the formatting. Author
 * `report-qc`; the officer accepts or rejects each change in Word.
 *
 * A fix whose characters Word does not hold exactly (an automatic number, a footnote mark), or that
 * falls in someone else's tracked insertion (a revision inside a revision is not WordprocessingML Word
 * accepts everywhere), is not placed: it is returned as unplaced.
 */
import type { Fix } from "../model/finding.js";
import { DocxPackage } from "./package.js";
import type { Point } from "./runs.js";
import { runsBetween } from "./runs.js";
import { childrenOf, firstW, insertAfter, isW, setText, W_NS, wEl, wordDate, type XmlElement, type XmlNode } from "./xml.js";
import { AUTHOR } from "./comments.js";

/** One correction made of one or more edits: all of them are placed, or none. */
export interface EditGroup {
  edits: Fix[];
}

export interface Revised<G extends EditGroup> {
  docx: Buffer;
  placed: G[];
  unplaced: G[];
}

type Want = { x: number; side: "before" | "after" };

export async function reviseDocx<G extends EditGroup>(buf: Uint8Array, original: string, groups: readonly G[], opts: { date?: Date } = {}): Promise<Revised<G>> {
  const pkg = await DocxPackage.open(buf);
  const placed: G[] = [];
  const unplaced: G[] = [];
  const edits: Fix[] = [];
  const wanted: Want[] = [];
  const bt = pkg.bodyText();
  const where = (f: Fix): [Want, Want] | null => {
    if (f.start === f.end) {
      const x = pkg.nextPosition(original, f.start);
      if (x < 0 || insideRevision(bt.pieces[bt.piece[Math.min(x, bt.text.length - 1)]!]?.node ?? pkg.body, true)) return null;
      const at = x >= bt.text.length || bt.piece[x]! < 0 ? { x: x - 1, side: "after" as const } : { x, side: "before" as const };
      return [at, at];
    }
    const xs = pkg.locate(original, f.start, f.end);
    // Every character of the replaced text must be in Word's text, consecutively, outside other revisions.
    const exact = xs.length === f.end - f.start && xs.every((x, k) => k === 0 || x === xs[k - 1]! + 1);
    if (!exact || xs.some((x) => insideRevision(bt.pieces[bt.piece[x]!]!.node, true))) return null;
    return [{ x: xs[0]!, side: "before" }, { x: xs[xs.length - 1]!, side: "after" }];
  };
  for (const g of groups) {
    const spots = g.edits.map(where);
    if (spots.some((s) => s === null)) {
      unplaced.push(g);
      continue;
    }
    placed.push(g);
    g.edits.forEach((e, k) => {
      edits.push(e);
      wanted.push(...spots[k]!);
    });
  }
  const points = pkg.pointsAt(wanted);
  let id = pkg.maxId() + 1;
  const date = wordDate(opts.date ?? new Date());
  const attrs = () => ({ id: String(id++), author: AUTHOR, date });
  const doc = pkg.document;
  // From the end backwards, so that points of earlier fixes still name nodes where they were.
  const order = edits.map((_, k) => k).sort((a, b) => edits[b]!.start - edits[a]!.start || edits[b]!.end - edits[a]!.end);
  for (const k of order) {
    const f = edits[k]!;
    const start = resolve(points[2 * k]!);
    const end = resolve(points[2 * k + 1]!);
    let props: XmlElement | null = null;
    let after: XmlNode | null = null;
    if (f.start < f.end) {
      const runs = runsBetween(start, end, pkg.body).filter((r) => !insideRevision(r) && childrenOf(r).some((c) => isW(c, "t") || isW(c, "tab")));
      for (const run of runs) {
        props ??= firstW(run, "rPr");
        const del = wEl(doc, "del", attrs());
        run.parentNode!.insertBefore(del, run);
        del.appendChild(run);
        for (const c of childrenOf(run)) {
          if (isW(c, "t")) {
            const dt = wEl(doc, "delText");
            setText(dt, c.textContent ?? "");
            run.replaceChild(dt, c);
          }
        }
        after = del;
      }
    } else {
      const next = start.before && isW(start.before, "r") ? start.before : null;
      props = next ? firstW(next, "rPr") : null;
    }
    if (!f.replacement) continue;
    const ins = wEl(doc, "ins", attrs());
    const run = wEl(doc, "r");
    if (props) run.appendChild(props.cloneNode(true));
    const t = wEl(doc, "t");
    setText(t, f.replacement);
    run.appendChild(t);
    ins.appendChild(run);
    if (after) insertAfter(ins, after);
    else start.parent.insertBefore(ins, start.before);
  }
  return { docx: await pkg.save(), placed, unplaced };
}

/** A point whose node was since moved into a revision wrapper stands before the wrapper. */
function resolve(p: Point): Point {
  let { parent, before } = p;
  while (before && before.parentNode !== parent && before.parentNode && isW(before.parentNode) && ["del", "ins"].includes((before.parentNode as XmlElement).localName)) {
    before = before.parentNode;
    parent = before.parentNode!;
  }
  return { parent, before };
}

/** Inside a deletion (or, with `insertions`, any tracked change). */
function insideRevision(n: XmlNode, insertions = false): boolean {
  const kinds = insertions ? ["del", "moveFrom", "ins", "moveTo"] : ["del", "moveFrom"];
  for (let p = n.parentNode; p; p = p.parentNode) if (p.nodeType === 1 && (p as XmlElement).namespaceURI === W_NS && kinds.includes((p as XmlElement).localName)) return true;
  return false;
}
