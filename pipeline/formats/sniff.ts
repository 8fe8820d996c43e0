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
