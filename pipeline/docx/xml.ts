/**
 * @fileoverview WordprocessingML parts as DOM trees: parsed and serialized with @xmldom/xmldom (the XML
 * parser mammoth itself uses), so editing a document never rewrites XML with regular expressions and
 * every element, attribute and namespace declaration we do not touch is written back as it was read.
 */
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";

export const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
export const CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types";
export const XML_NS = "http://www.w3.org/XML/1998/namespace";

export type XmlDocument = globalThis.Document;
export type XmlElement = globalThis.Element;
export type XmlNode = globalThis.Node;

export function parseXml(text: string): XmlDocument {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, msg: string) => {
      if (level !== "warning") errors.push(msg);
    },
  } as never).parseFromString(text, "text/xml");
  if (errors.length || !doc.documentElement) throw new Error(`invalid XML: ${errors[0] ?? "no root element"}`);
  return doc as unknown as XmlDocument;
}

export function serializeXml(doc: XmlDocument): string {
  const out = new XMLSerializer().serializeToString(doc as never);
  // xmldom keeps the XML declaration node; add one when the part had none (Word writes it always).
  return out.startsWith("<?xml") ? out : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${out}`;
}

/** `w:` element with the given local name (the document's own prefix for the namespace is reused). */
export function wEl(doc: XmlDocument, local: string, attrs: Record<string, string> = {}): XmlElement {
  const el = doc.createElementNS(W_NS, `w:${local}`);
  for (const [k, v] of Object.entries(attrs)) el.setAttributeNS(W_NS, `w:${k}`, v);
  return el;
}

export const isW = (n: XmlNode | null | undefined, local?: string): n is XmlElement =>
  !!n && n.nodeType === 1 && (n as XmlElement).namespaceURI === W_NS && (local === undefined || (n as XmlElement).localName === local);

export function childrenOf(el: XmlNode): XmlNode[] {
  const out: XmlNode[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

export function firstW(el: XmlNode, local: string): XmlElement | null {
  for (let c = el.firstChild; c; c = c.nextSibling) if (isW(c, local)) return c;
  return null;
}

/** Replaces the text of a `w:t`/`w:delText`, keeping spaces (`xml:space="preserve"`). */
export function setText(el: XmlElement, text: string): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  el.appendChild(el.ownerDocument!.createTextNode(text));
  el.setAttributeNS(XML_NS, "xml:space", "preserve");
}

export function insertAfter(node: XmlNode, ref: XmlNode): void {
  ref.parentNode!.insertBefore(node, ref.nextSibling);
}

/** Words's timestamps: ISO 8601 without milliseconds. */
export function wordDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}
