/**
 * @fileoverview Turns bytes into text: BOMs first (UTF-8, UTF-16LE/BE), then strict UTF-8, then
 * detection (jschardet) for legacy Chinese encodings, decoded with iconv-lite. GBK and GB2312 are
 * decoded as GB18030, their superset, so no character a GBK file can hold is lost.
 */
import { createRequire } from "node:module";
import type iconvModule from "iconv-lite";
import type jschardetModule from "jschardet";
import { IngestError } from "./errors.js";

// jschardet is needed only for a file that is not UTF-8: loaded then (it costs ~30 ms at start-up).
const require = createRequire(import.meta.url);
let detector: typeof jschardetModule | null = null;
const jschardet = (): typeof jschardetModule => (detector ??= require("jschardet") as typeof jschardetModule);
// iconv-lite likewise: UTF-8 files (nearly all) never load it.
let iconvLite: typeof iconvModule | null = null;
const iconv = (): typeof iconvModule => (iconvLite ??= require("iconv-lite") as typeof iconvModule);

export interface Decoded {
  text: string;
  encoding: string;
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true });

/** Encodings jschardet reports that we decode with iconv-lite, mapped to their widest form. */
const LEGACY_ALIASES: Record<string, string> = {
  gb2312: "gb18030",
  gbk: "gb18030",
  gb18030: "gb18030",
  big5: "big5",
  "euc-tw": "big5",
  "utf-16le": "utf-16le",
  "utf-16be": "utf-16be",
};

export function decodeText(buf: Uint8Array): Decoded {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: strictUtf8(buf.subarray(3)), encoding: "utf-8-bom" };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: iconv().decode(Buffer.from(buf.subarray(2)), "utf-16le"), encoding: "utf-16le" };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: iconv().decode(Buffer.from(buf.subarray(2)), "utf-16be"), encoding: "utf-16be" };
  }
  if (looksBinary(buf)) throw new IngestError("E_BINARY", "文件不是文本（含有二进制内容）", "file is not text (binary content)");
  try {
    return { text: utf8Strict.decode(buf), encoding: "utf-8" };
  } catch {
    // Not UTF-8: detect a legacy encoding below.
  }
  const detected = jschardet().detect(Buffer.from(buf), { minimumThreshold: 0 });
  const name = (detected.encoding ?? "").toLowerCase();
  // Chinese text that is not UTF-8 is, in these archives, overwhelmingly GBK/GB18030; jschardet
  // sometimes guesses a Western code page for short texts, so GB18030 is the fallback.
  const encoding = LEGACY_ALIASES[name] ?? "gb18030";
  const text = iconv().decode(Buffer.from(buf), encoding);
  if (replacementShare(text) > 0.01) {
    throw new IngestError("E_DECODE", `无法识别文件编码（检测结果：${name || "未知"}）`, `cannot decode the file (detected: ${name || "unknown"})`);
  }
  return { text, encoding };
}

function strictUtf8(buf: Uint8Array): string {
  try {
    return utf8Strict.decode(buf);
  } catch {
    throw new IngestError("E_DECODE", "文件带有 UTF-8 BOM，但内容不是有效的 UTF-8", "file has a UTF-8 BOM but is not valid UTF-8");
  }
}

/** NUL bytes in the first 8 KiB mean binary (UTF-16 without BOM is not supported: say so). */
function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

function replacementShare(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  return bad / text.length;
}
