/**
 * @fileoverview An opened .docx package: the zip (jszip), word/document.xml as a DOM, the body's text
 * map, and helpers to add a part with its content type and relationship.
 */
import JSZip from "jszip";
import { assertZipWithinBudget } from "../formats/zip-guard.js";
import { alignText, bodyText, type BodyText } from "./text-map.js";
import { splitAt, type Point } from "./runs.js";
import { CT_NS, REL_NS, W_NS, parseXml, serializeXml, type XmlDocument, type XmlElement } from "./xml.js";

const DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

export class DocxPackage {
  private constructor(
    readonly zip: JSZip,
    readonly documentPath: string,
    readonly document: XmlDocument,
    readonly body: XmlElement,
  ) {}

  static async open(buf: Uint8Array): Promise<DocxPackage> {
    assertZipWithinBudget(buf);
    const zip = await JSZip.loadAsync(buf);
    // The main part is named by the package relationships (almost always word/document.xml).
    let documentPath = "word/document.xml";
    const rootRels = await zip.file("_rels/.rels")?.async("string");
    if (rootRels) {
      for (const r of Array.from(parseXml(rootRels).getElementsByTagNameNS(REL_NS, "Relationship"))) {
        if (r.getAttribute("Type") === DOC_REL) documentPath = (r.getAttribute("Target") ?? documentPath).replace(/^\//, "");
      }
    }
    const xml = await zip.file(documentPath)?.async("string");
    if (xml === undefined) throw new Error(`${documentPath} missing: not a Word document`);
    const document = parseXml(xml);
    const body = document.getElementsByTagNameNS(W_NS, "body")[0];
    if (!body) throw new Error("w:body missing");
    return new DocxPackage(zip, documentPath, document, body);
  }

  private text: BodyText | null = null;
  private aligned: { original: string; map: Int32Array } | null = null;

  bodyText(): BodyText {
    return (this.text ??= bodyText(this.body));
  }

  /** The body positions of `original[start, end)` (separators left out), in order. */
  locate(original: string, start: number, end: number): number[] {
    if (this.aligned?.original !== original) this.aligned = { original, map: alignText(original, this.bodyText().text) };
    const { map } = this.aligned;
    const out: number[] = [];
    for (let k = start; k < end; k++) {
      const x = map[k]!;
      if (x >= 0 && this.bodyText().piece[x]! >= 0) out.push(x);
    }
    return out;
  }

  /** The first body position at or after original offset `at` that holds text (-1 when none). */
  nextPosition(original: string, at: number): number {
    this.locate(original, 0, 0);
    const { map } = this.aligned!;
    for (let k = Math.max(0, at); k < map.length; k++) if (map[k]! >= 0 && this.bodyText().piece[map[k]!]! >= 0) return map[k]!;
    for (let k = Math.min(at, map.length) - 1; k >= 0; k--) if (map[k]! >= 0 && this.bodyText().piece[map[k]!]! >= 0) return map[k]! + 1;
    return -1;
  }

  /**
   * Run boundaries at body positions, each `[x, side]`: "before" = before character x, "after" =
   * after it. Split from the end backwards so that earlier nodes keep their characters.
   */
  pointsAt(wanted: { x: number; side: "before" | "after" }[]): Point[] {
    const bt = this.bodyText();
    const order = wanted.map((w, k) => ({ ...w, k, key: w.side === "after" ? w.x + 1 : w.x })).sort((a, b) => b.key - a.key || (a.side === "after" ? -1 : 1));
    const out: Point[] = new Array(wanted.length);
    for (const w of order) {
      const piece = bt.pieces[bt.piece[w.x]!]!;
      out[w.k] = splitAt(piece.node, bt.at[w.x]! + (w.side === "after" ? 1 : 0));
    }
    this.text = null; // nodes changed; positions are no longer valid
    return out;
  }

  /** Largest numeric `w:id` used in the document part (comments, revisions and bookmarks share nothing, but Word is happiest with unique ids). */
  maxId(): number {
    let max = -1;
    for (const el of Array.from(this.document.getElementsByTagName("*"))) {
      const id = el.getAttributeNS(W_NS, "id");
      if (id && /^\d+$/.test(id)) max = Math.max(max, Number(id));
    }
    return max;
  }

  /** Adds (or returns) a part related to the main document by relationship type. */
  async relatedPart(relType: string, target: string, contentType: string): Promise<string> {
    const dir = this.documentPath.replace(/[^/]*$/, "");
    const relsPath = `${dir}_rels/${this.documentPath.slice(dir.length)}.rels`;
    const relsXml = (await this.zip.file(relsPath)?.async("string")) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}"/>`;
    const rels = parseXml(relsXml);
    const list = Array.from(rels.getElementsByTagNameNS(REL_NS, "Relationship"));
    const existing = list.find((r) => r.getAttribute("Type") === relType && r.getAttribute("TargetMode") !== "External");
    if (existing) return dir + (existing.getAttribute("Target") ?? target).replace(/^\//, "");
    const ids = new Set(list.map((r) => r.getAttribute("Id")));
    let n = list.length + 1;
    while (ids.has(`rId${n}`)) n++;
    const rel = rels.createElementNS(REL_NS, "Relationship");
    rel.setAttribute("Id", `rId${n}`);
    rel.setAttribute("Type", relType);
    rel.setAttribute("Target", target);
    rels.documentElement!.appendChild(rel);
    this.zip.file(relsPath, serializeXml(rels));
    const ctXml = await this.zip.file("[Content_Types].xml")?.async("string");
    if (ctXml === undefined) throw new Error("[Content_Types].xml missing");
    const ct = parseXml(ctXml);
    const partName = `/${dir}${target}`;
    if (!Array.from(ct.getElementsByTagNameNS(CT_NS, "Override")).some((o) => o.getAttribute("PartName") === partName)) {
      const o = ct.createElementNS(CT_NS, "Override");
      o.setAttribute("PartName", partName);
      o.setAttribute("ContentType", contentType);
      ct.documentElement!.appendChild(o);
      this.zip.file("[Content_Types].xml", serializeXml(ct));
    }
    return dir + target;
  }

  async save(): Promise<Buffer> {
    this.zip.file(this.documentPath, serializeXml(this.document));
    return this.zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  }
}
