/**
 * @fileoverview Content sniffing for the binary and markup formats, without their readers' libraries
 * (pdf, docx and html readers are loaded only when such a file is met: formats/index.ts).
 */

export function isZip(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

/** A ZIP whose entry names include `word/document.xml` (entry names are stored uncompressed). */
export function isDocx(buf: Uint8Array): boolean {
  if (!isZip(buf)) return false;
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).includes("word/document.xml", 0, "latin1");
}

export function isPdf(buf: Uint8Array): boolean {
  // The header may follow a little junk; PDF readers accept it within the first 1024 bytes.
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.byteLength, 1024)).toString("latin1");
  return head.includes("%PDF-");
}

export function isHtml(buf: Uint8Array): boolean {
  let head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.byteLength, 2048)).toString("latin1");
  head = head.replace(/^(\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, "").replace(/\0/g, "");
  head = head.replace(/^\s*(<!--[\s\S]*?-->\s*)*/, "");
  return /^\s*<(!doctype\s+html|html[\s>]|head[\s>]|meta\s|title[\s>]|body[\s>])/i.test(head);
}

/** A front-matter block at the very start: `---`, `key: value` lines, `---`. */
const FRONT_MATTER_RE = /^\ufeff?---[ \t]*\r?\n(?:[ \t]*(?:#.*)?\r?\n|[\w\u4e00-\u9fff][\w\u4e00-\u9fff -]*:(?:[ \t].*)?\r?\n|[ \t]+\S.*\r?\n){0,40}?---[ \t]*(?:\r?\n|$)/u;
/** ATX heading: 1–6 `#`, a space, text (`#1机组` and `#话题#` are not headings). */
const ATX_RE = /^ {0,3}#{1,6}[ \t]+\S/;
/** A whole line in bold, without `**` inside (`**市**区…**` is a placeholder line, not bold). */
const BOLD_LINE_RE = /^ {0,3}(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1[ \t]*$/u;
/** A GFM table delimiter row with at least two columns: `|---|:---:|`, `--- | ---`. */
const TABLE_DELIMITER_RE = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$/;

/**
 * Whether decoded text that came as .txt is recognisably Markdown (docs/markdown.md). Conservative:
 * a plain report may contain `*` (placeholders, masked names) and `#` characters, so one of these is
 * needed: front matter at the very start; a GFM table (a row with a pipe followed by a delimiter
 * row); or at least three lines that are ATX headings (`## 一、综合`) or wholly bold (`**一、…**`).
 */
export function looksLikeMarkdown(text: string): boolean {
  const head = text.slice(0, 4096);
  if (head.startsWith("---") || head.startsWith("\ufeff---")) {
    if (FRONT_MATTER_RE.test(head) && /\n[\w\u4e00-\u9fff][\w\u4e00-\u9fff -]*:/u.test(head)) return true;
  }
  let structural = 0;
  let prev = "";
  for (const line of text.split(/\r?\n/)) {
    if (TABLE_DELIMITER_RE.test(line) && prev.includes("|")) return true;
    if (ATX_RE.test(line) || BOLD_LINE_RE.test(line)) {
      if (++structural >= 3) return true;
    }
    prev = line;
  }
  return false;
}
