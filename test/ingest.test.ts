import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { ingest } from "../pipeline/stages/ingest.js";
import { seedText } from "./helpers/pipeline.js";

const TEXT = seedText("002_88355d0e2550c175.txt");
const dir = mkdtempSync(join(tmpdir(), "rqc-ingest-"));

function put(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe("ingest: encodings", () => {
  const cases: [string, Uint8Array, string][] = [
    ["utf8.txt", Buffer.from(TEXT, "utf8"), "utf-8"],
    ["utf8bom.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, "utf8")]), "utf-8-bom"],
    ["utf16le.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, "utf-16le")]), "utf-16le"],
    ["utf16be.txt", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, "utf-16be")]), "utf-16be"],
    ["gbk.txt", iconv.encode(TEXT, "gbk"), "gb18030"],
    ["gb18030.txt", iconv.encode(TEXT + "㐀", "gb18030"), "gb18030"],
  ];
  for (const [name, bytes, encoding] of cases) {
    it(`${name} decodes to the same text (${encoding})`, async () => {
      const doc = await ingest(put(name, bytes));
      expect(doc.encoding).toBe(encoding);
      expect(doc.original).toBe(name === "gb18030.txt" ? TEXT + "㐀" : TEXT);
    });
  }

  it("a short GBK text is still decoded as Chinese", async () => {
    const doc = await ingest(put("short-gbk.txt", iconv.encode("法治政府建设年度报告", "gbk")));
    expect(doc.original).toBe("法治政府建设年度报告");
  });

  it("binary, PDF and missing files give clear error codes", async () => {
    await expect(ingest(put("bin.txt", Buffer.from([1, 0, 2, 0])))).rejects.toMatchObject({ code: "E_BINARY" });
    // PDFs are read now (issue 6): a header with no document after it is a corrupt PDF.
    await expect(ingest(put("x.pdf", Buffer.from("%PDF-1.7\n%\u00e2\u00e3")))).rejects.toMatchObject({ code: "E_CORRUPT" });
    await expect(ingest(join(dir, "missing.txt"))).rejects.toMatchObject({ code: "E_READ" });
  });
});
