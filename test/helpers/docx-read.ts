/**
 * Reads back what report-qc wrote into a .docx, independently of pipeline/docx: the text inside each
 * comment range, the comments' authors and texts, and the tracked insertions and deletions.
 */
import JSZip from "jszip";
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

export interface ReadBack {
  /** Text inside each comment range, by comment id (paragraph breaks as "\n"). */
  ranges: Map<string, string>;
  comments: { id: string; author: string; text: string }[];
  insertions: { author: string; text: string }[];
  deletions: { author: string; text: string }[];
  /** Insertions and deletions in document order, with the run properties of their text. */
  changes: { kind: "ins" | "del"; author: string; text: string; props: string }[];
  /** Body text with deletions left out and insertions kept (the document after "accept all"). */
  accepted: string;
  /** Body text with insertions left out and deletions kept (the document after "reject all"). */
  rejected: string;
  /** Per character of `accepted`: the run properties (`w:rPr` as XML, "" for none and for paragraph breaks). */
  props: string[];
  /** Per character of `rejected`: the run properties. */
  rejectedProps: string[];
}

export async function readBack(buf: Uint8Array): Promise<ReadBack> {
  const zip = await JSZip.loadAsync(buf);
  const parse = (s: string) => new DOMParser().parseFromString(s, "text/xml");
  const doc = parse(await zip.file("word/document.xml")!.async("string"));
  const ranges = new Map<string, string>();
  const open = new Set<string>();
  const insertions: ReadBack["insertions"] = [];
  const deletions: ReadBack["deletions"] = [];
  let accepted = "";
  let rejected = "";
  const props: string[] = [];
  const rejectedProps: string[] = [];
  const changes: ReadBack["changes"] = [];
  const rPrOf = (el: Element): string => {
    const run = el.parentNode as Element;
    for (let c = run.firstChild; c; c = c.nextSibling) if (c.nodeType === 1 && (c as Element).localName === "rPr") return new XMLSerializer().serializeToString(c);
    return "";
  };
  const visit = (n: Node, inIns: Element | null, inDel: Element | null): void => {
    if (n.nodeType !== 1) return;
    const el = n as Element;
    if (el.namespaceURI === W) {
      const id = el.getAttributeNS(W, "id") ?? "";
      switch (el.localName) {
        case "commentRangeStart":
          open.add(id);
          ranges.set(id, "");
          return;
        case "commentRangeEnd":
          open.delete(id);
          return;
        case "ins":
          insertions.push({ author: el.getAttributeNS(W, "author") ?? "", text: "" });
          changes.push({ kind: "ins", author: el.getAttributeNS(W, "author") ?? "", text: "", props: "" });
          for (let c = el.firstChild; c; c = c.nextSibling) visit(c, el, inDel);
          return;
        case "del":
          deletions.push({ author: el.getAttributeNS(W, "author") ?? "", text: "" });
          changes.push({ kind: "del", author: el.getAttributeNS(W, "author") ?? "", text: "", props: "" });
          for (let c = el.firstChild; c; c = c.nextSibling) visit(c, inIns, el);
          return;
        case "t":
        case "delText":
        case "tab": {
          const s = el.localName === "tab" ? "\t" : (el.textContent ?? "");
          if (el.localName === "tab" && (el.parentNode as Element)?.localName !== "r") return;
          if (inIns) insertions[insertions.length - 1]!.text += s;
          if (inDel) deletions[deletions.length - 1]!.text += s;
          if (inIns || inDel) {
            changes[changes.length - 1]!.text += s;
            changes[changes.length - 1]!.props = rPrOf(el);
          }
          if (!inIns) for (let k = 0; k < s.length; k++) rejectedProps.push(rPrOf(el));
          if (!inDel) {
            accepted += s;
            for (let k = 0; k < s.length; k++) props.push(rPrOf(el));
          }
          if (!inIns) rejected += s;
          if (!inDel) for (const id of open) ranges.set(id, ranges.get(id)! + s);
          return;
        }
        case "instrText":
        case "pPr":
        case "rPr":
          return;
      }
    }
    for (let c = el.firstChild; c; c = c.nextSibling) visit(c, inIns, inDel);
    if (el.namespaceURI === W && el.localName === "p") {
      accepted += "\n";
      props.push("");
      rejectedProps.push("");
      rejected += "\n";
      for (const id of open) ranges.set(id, ranges.get(id)! + "\n");
    }
  };
  visit(doc.documentElement as unknown as Node, null, null);
  const comments: ReadBack["comments"] = [];
  const cx = await zip.file("word/comments.xml")?.async("string");
  if (cx) {
    for (const c of Array.from(parse(cx).getElementsByTagNameNS(W, "comment"))) {
      const paras = Array.from(c.getElementsByTagNameNS(W, "p")).map((p) => Array.from(p.getElementsByTagNameNS(W, "t")).map((t) => t.textContent).join(""));
      comments.push({ id: c.getAttributeNS(W, "id") ?? "", author: c.getAttributeNS(W, "author") ?? "", text: paras.join("\n") });
    }
  }
  return { ranges, comments, insertions, deletions, changes, accepted, rejected, props, rejectedProps };
}
