/**
 * @fileoverview Bounded decompression for ZIP containers (.docx). mammoth reads a .docx with JSZip,
 * which inflates every entry fully into memory; a zip bomb (a few kB that inflate to gigabytes) would
 * exhaust the heap before mammoth ever returns. Before handing the bytes to mammoth, every entry is
 * inflated here with zlib's `maxOutputLength` against a budget for the whole archive, so no entry
 * can grow past it whatever its header claims. Cost: one extra inflate of a small file.
 */
import { inflateRawSync } from "node:zlib";
import { IngestError } from "./errors.js";

/** Uncompressed bytes a .docx may hold in all (a 20k-character report is about 1 MB of XML). */
export const DEFAULT_ZIP_BUDGET = 256 * 1024 * 1024;
const MAX_ENTRIES = 20_000;

function tooLarge(limit: number): IngestError {
  const mb = Math.round(limit / 1024 / 1024);
  return new IngestError("E_TOO_LARGE", `压缩文档解压后超过 ${mb} MB（疑似压缩炸弹），已拒绝读取`, `the compressed document inflates to more than ${mb} MB (a zip bomb?), refused`);
}

function corrupt(why: string): IngestError {
  return new IngestError("E_CORRUPT", `无法读取 .docx 文件（ZIP 结构损坏：${why}）`, `cannot read the .docx file (broken ZIP structure: ${why})`);
}

/**
 * Inflates every entry of a ZIP within `budget` bytes in all.
 * @throws IngestError E_TOO_LARGE past the budget, E_CORRUPT for a broken directory or entry.
 */
export function assertZipWithinBudget(buf: Uint8Array, budget = DEFAULT_ZIP_BUDGET): void {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  // End of central directory: the last 22 + up to 65535 comment bytes.
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt("no end of central directory (truncated?)");
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  if (count > MAX_ENTRIES) throw tooLarge(budget);
  let remaining = budget;
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw corrupt("central directory entry");
    const method = b.readUInt16LE(p + 10);
    const csize = b.readUInt32LE(p + 20);
    const local = b.readUInt32LE(p + 42);
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
    if (csize === 0xffffffff || local === 0xffffffff) throw tooLarge(budget); // ZIP64: never a real .docx report
    if (local + 30 > b.length || b.readUInt32LE(local) !== 0x04034b50) throw corrupt("local header");
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    if (start + csize > b.length) throw corrupt("entry data past the end of the file (truncated?)");
    if (method === 0) {
      remaining -= csize;
    } else if (method === 8) {
      let out: Buffer;
      try {
        out = inflateRawSync(b.subarray(start, start + csize), { maxOutputLength: Math.max(1, remaining) });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) throw tooLarge(budget);
        throw corrupt((e as Error).message);
      }
      remaining -= out.length;
    } else throw corrupt(`compression method ${method}`);
    if (remaining < 0) throw tooLarge(budget);
  }
}
