/**
 * LibreOffice (Debian `libreoffice-writer`, installed by .ci/run) converting our .docx files headless,
 * and what its OpenDocument output holds: the annotations (comments) with the text they cover, and the
 * tracked changes. If LibreOffice reads them back, the XML we wrote is the WordprocessingML Word reads.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import JSZip from "jszip";
import { DOMParser } from "@xmldom/xmldom";

export const SOFFICE = process.env.SOFFICE_PATH ?? "/usr/bin/soffice";
/** LibreOffice tests run where it is installed, and always in CI (.ci/run installs it). */
export const canRunLibreOffice = existsSync(SOFFICE) || Boolean(process.env.CI);

/** Converts the files in one LibreOffice start (with its own throw-away profile); returns the output paths. */
export function convert(files: string[], to: "odt" | "pdf"): string[] {
  const out = mkdtempSync(join(tmpdir(), "rqc-lo-"));
  execFileSync(SOFFICE, [`-env:UserInstallation=file://${out}/profile`, "--headless", "--convert-to", to, "--outdir", out, ...files], { stdio: "pipe", timeout: 180_000 });
  return files.map((f) => join(out, basename(f).replace(/\.[^.]+$/, `.${to}`)));
}

export interface OdtContent {
  annotations: { name: string; author: string; text: string; range: string }[];
  /** Tracked changes: kind (insertion/deletion), author and the text (deleted text is stored in the change). */
  changes: { kind: string; author: string; text: string }[];
  text: string;
}

const TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const DC_NS = "http://purl.org/dc/elements/1.1/";

export async function readOdt(path: string): Promise<OdtContent> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const doc = new DOMParser().parseFromString(await zip.file("content.xml")!.async("string"), "text/xml");
  const annotations: OdtContent["annotations"] = [];
  const open = new Map<string, number>();
  const changes: OdtContent["changes"] = [];
  let text = "";
  const textOf = (n: Node): string => {
    if (n.nodeType === 3) return n.nodeValue ?? "";
    if (n.nodeType !== 1) return "";
    const el = n as Element;
    if (el.namespaceURI === TEXT_NS && el.localName === "s") return " ".repeat(Number(el.getAttributeNS(TEXT_NS, "c") || "1"));
    if (el.namespaceURI === TEXT_NS && el.localName === "tab") return "\t";
    let s = "";
    for (let c = el.firstChild; c; c = c.nextSibling) s += textOf(c);
    return el.namespaceURI === TEXT_NS && (el.localName === "p" || el.localName === "h") ? s + "\n" : s;
  };
  const add = (s: string) => {
    text += s;
    for (const k of open.values()) annotations[k]!.range += s;
  };
  const visit = (n: Node): void => {
    if (n.nodeType === 3) return add(n.nodeValue ?? "");
    if (n.nodeType !== 1) return;
    const el = n as Element;
    if (el.namespaceURI === OFFICE_NS && el.localName === "annotation") {
      const name = el.getAttributeNS(OFFICE_NS, "name") ?? "";
      const author = el.getElementsByTagNameNS(DC_NS, "creator")[0]?.textContent ?? "";
      const body = Array.from(el.getElementsByTagNameNS(TEXT_NS, "p")).map((p) => textOf(p).replace(/\n$/, "")).join("\n");
      annotations.push({ name, author, text: body, range: "" });
      if (name) open.set(name, annotations.length - 1);
      return;
    }
    if (el.namespaceURI === OFFICE_NS && el.localName === "annotation-end") {
      open.delete(el.getAttributeNS(OFFICE_NS, "name") ?? "");
      return;
    }
    if (el.namespaceURI === TEXT_NS && el.localName === "tracked-changes") {
      for (const region of Array.from(el.getElementsByTagNameNS(TEXT_NS, "changed-region"))) {
        const kind = Array.from(region.childNodes).find((c) => c.nodeType === 1) as Element | undefined;
        if (!kind) continue;
        const author = kind.getElementsByTagNameNS(DC_NS, "creator")[0]?.textContent ?? "";
        const deleted = Array.from(kind.getElementsByTagNameNS(TEXT_NS, "p")).map((p) => textOf(p).replace(/\n$/, "")).join("\n");
        changes.push({ kind: kind.localName!, author, text: deleted });
      }
      return;
    }
    if (el.namespaceURI === TEXT_NS && el.localName === "s") return add(" ".repeat(Number(el.getAttributeNS(TEXT_NS, "c") || "1")));
    if (el.namespaceURI === TEXT_NS && el.localName === "tab") return add("\t");
    for (let c = el.firstChild; c; c = c.nextSibling) visit(c);
    if (el.namespaceURI === TEXT_NS && (el.localName === "p" || el.localName === "h")) add("\n");
  };
  visit(doc.documentElement as unknown as Node);
  return { annotations, changes, text };
}
