/**
 * @fileoverview Word comments (批注) for findings: one `w:comment` per finding in word/comments.xml,
 * anchored by `w:commentRangeStart`/`w:commentRangeEnd` exactly around the finding's text (runs split
 * where needed) and referenced by a `w:commentReference` run after the range.
 *
 * A finding whose text Word does not hold as characters (an automatic number like `（三）`, a footnote
 * mark mammoth adds) is anchored on the characters of it that exist, or at the point where it
 * stands; `anchors` says which.
 */
import type { Finding, Lang } from "../model/finding.js";
import { DocxPackage } from "./package.js";
import type { Point } from "./runs.js";
import { W_NS, parseXml, serializeXml, wEl, wordDate, type XmlDocument, type XmlElement } from "./xml.js";
import { commentLines } from "./comment-text.js";

const COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";

export const AUTHOR = "report-qc";

export interface AnnotateOptions {
  lang?: Lang;
  /** Timestamp of the comments (default: now). */
  date?: Date;
}

/** How a finding was anchored: on exactly its text, on part of it, or at a point. */
export type AnchorKind = "exact" | "partial" | "point";

export interface Annotated {
  docx: Buffer;
  anchors: AnchorKind[];
}

/** Adds one comment per finding to a .docx whose extracted text is `original` (offsets of the findings). */
export async function annotateDocx(buf: Uint8Array, original: string, findings: readonly Finding[], opts: AnnotateOptions = {}): Promise<Annotated> {
  // Nothing to say: the document as it was.
  if (findings.length === 0) return { docx: Buffer.from(buf), anchors: [] };
  const pkg = await DocxPackage.open(buf);
  const anchors: AnchorKind[] = [];
  const wanted: { x: number; side: "before" | "after" }[] = [];
  for (const f of findings) {
    const xs = pkg.locate(original, f.start, f.end);
    const nonSpace = [...f.text].filter((c) => !/\s/.test(c)).length;
    if (xs.length) {
      anchors.push(xs.length >= nonSpace && contiguous(xs, pkg) ? "exact" : "partial");
      wanted.push({ x: xs[0]!, side: "before" }, { x: xs[xs.length - 1]!, side: "after" });
    } else {
      anchors.push("point");
      const x = pkg.nextPosition(original, f.start);
      if (x < 0) throw new Error("the document has no text to anchor a comment on");
      const at = x >= pkg.bodyText().text.length || pkg.bodyText().piece[x]! < 0 ? { x: x - 1, side: "after" as const } : { x, side: "before" as const };
      wanted.push(at, at);
    }
  }
  const points = pkg.pointsAt(wanted);

  const commentsPath = await pkg.relatedPart(COMMENTS_REL, "comments.xml", COMMENTS_CT);
  const existing = await pkg.zip.file(commentsPath)?.async("string");
  const comments = existing ? parseXml(existing) : parseXml(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W_NS}"/>`);
  let id = Math.max(pkg.maxId(), maxCommentId(comments)) + 1;
  const date = wordDate(opts.date ?? new Date());
  findings.forEach((f, k) => {
    const cid = String(id++);
    place(pkg.document, points[2 * k]!, wEl(pkg.document, "commentRangeStart", { id: cid }));
    place(pkg.document, points[2 * k + 1]!, wEl(pkg.document, "commentRangeEnd", { id: cid }));
    const ref = wEl(pkg.document, "r");
    ref.appendChild(wEl(pkg.document, "commentReference", { id: cid }));
    place(pkg.document, points[2 * k + 1]!, ref);
    comments.documentElement!.appendChild(commentElement(comments, cid, date, commentLines(f, opts.lang ?? "zh")));
  });
  pkg.zip.file(commentsPath, serializeXml(comments));
  return { docx: await pkg.save(), anchors };
}

/** The positions are consecutive characters, paragraph separators aside. */
function contiguous(xs: number[], pkg: DocxPackage): boolean {
  const bt = pkg.bodyText();
  for (let k = 1; k < xs.length; k++) {
    for (let x = xs[k - 1]! + 1; x < xs[k]!; x++) if (bt.piece[x]! >= 0) return false;
  }
  return true;
}

function place(_doc: XmlDocument, p: Point, node: XmlElement): void {
  p.parent.insertBefore(node, p.before);
}

function maxCommentId(doc: XmlDocument): number {
  let max = -1;
  for (const c of Array.from(doc.getElementsByTagNameNS(W_NS, "comment"))) {
    const id = c.getAttributeNS(W_NS, "id");
    if (id && /^\d+$/.test(id)) max = Math.max(max, Number(id));
  }
  return max;
}

function commentElement(doc: XmlDocument, id: string, date: string, lines: string[]): XmlElement {
  const c = wEl(doc, "comment", { id, author: AUTHOR, date, initials: "QC" });
  lines.forEach((line, k) => {
    const p = wEl(doc, "p");
    if (k === 0) {
      // Word puts the annotation mark in the first paragraph of a comment.
      const mark = wEl(doc, "r");
      mark.appendChild(wEl(doc, "annotationRef"));
      p.appendChild(mark);
    }
    const r = wEl(doc, "r");
    const t = wEl(doc, "t");
    t.appendChild(doc.createTextNode(line));
    t.setAttribute("xml:space", "preserve");
    r.appendChild(t);
    p.appendChild(r);
    c.appendChild(p);
  });
  return c;
}
