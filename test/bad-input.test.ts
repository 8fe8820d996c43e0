/**
 * The bad-input suite (issue 7 §5): every fixture is made here, in a temporary directory. Each broken
 * input becomes one `errors` entry with a clear code and the rest of the batch goes on; rule-file
 * mistakes exit 2; a catastrophic user regular expression does not hang; normalize + segment never
 * throw on random Unicode and keep offsets inside the text.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { deflateRawSync } from "node:zlib";
import iconv from "iconv-lite";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../pipeline/run.js";
import { normalize } from "../pipeline/stages/normalize.js";
import { segment } from "../pipeline/stages/segment.js";
import { createSegmenter } from "../pipeline/segmenter/index.js";
import { hasNestedRepetition, userRegExp } from "../pipeline/text/safe-regex.js";
import { assertZipWithinBudget } from "../pipeline/formats/zip-guard.js";
import { ROOT, rawDoc } from "./helpers/pipeline.js";

const REPORT = "关于2021年度法治政府建设情况的报告\n\n2021年，我区坚持依法行政，全面推进法治政府建设，办理行政复议案件12件。\n";

function cli(args: string[], cwd = ROOT) {
  return spawnSync(process.execPath, [join(ROOT, "bin/report-qc.js"), ...args], { cwd, encoding: "utf8", timeout: 120_000 });
}

function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `rqc-bad-${prefix}-`));
}

/** A ZIP (stored or deflated entries) built by hand, so the test controls every byte. */
function zip(entries: { name: string; data: Buffer; deflate?: boolean; claimedSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.deflate ? deflateRawSync(e.data, { level: 9 }) : e.data;
    const name = Buffer.from(e.name, "utf8");
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(e.deflate ? 8 : 0, 8);
    head.writeUInt32LE(0, 14); // CRC not checked by the guard
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(e.claimedSize ?? e.data.length, 22);
    head.writeUInt16LE(name.length, 26);
    locals.push(head, name, body);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(e.deflate ? 8 : 0, 10);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(e.claimedSize ?? e.data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += head.length + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

async function runDir(dir: string, extra: Partial<Parameters<typeof runPipeline>[1]> = {}) {
  const { model } = await runPipeline([dir], { lang: "en", segmenter: "node-rs", rules: "national", corpus: false, ...extra });
  const name = (p: string) => relative(dir, p);
  return {
    docs: model.documents.map((d) => name(d.path)),
    errors: Object.fromEntries(model.errors.map((e) => [name(e.path), e])),
    model,
  };
}

describe("bad inputs in one batch", () => {
  it("empty, binary, .doc renamed .txt, truncated and corrupt .docx: one clear error each, the good file is checked", async () => {
    const dir = tmp("batch");
    writeFileSync(join(dir, "good.txt"), REPORT);
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "binary.txt"), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    // OLE2 compound file header: what an old Word .doc starts with.
    writeFileSync(join(dir, "old-word.txt"), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]));
    const docx = zip([
      { name: "[Content_Types].xml", data: Buffer.from('<?xml version="1.0"?><Types/>'), deflate: true },
      { name: "word/document.xml", data: Buffer.from("<w:document>" + "正文".repeat(2000) + "</w:document>"), deflate: true },
    ]);
    writeFileSync(join(dir, "truncated.docx"), docx.subarray(0, Math.floor(docx.length * 0.6)));
    const corrupt = Buffer.from(docx);
    for (let i = 60; i < corrupt.length - 200; i += 7) corrupt[i] = 0xaa;
    writeFileSync(join(dir, "corrupt.docx"), corrupt);
    const r = await runDir(dir);
    expect(r.docs).toEqual(["good.txt"]);
    expect(r.errors["empty.txt"]?.code).toBe("E_EMPTY");
    expect(r.errors["binary.txt"]?.code).toBe("E_BINARY");
    expect(r.errors["old-word.txt"]?.code).toBe("E_FORMAT");
    expect(r.errors["old-word.txt"]?.message).toMatch(/\.doc/);
    expect(r.errors["truncated.docx"]?.code).toBe("E_CORRUPT");
    expect(r.errors["corrupt.docx"]?.code).toBe("E_CORRUPT");
  });

  it("a zip-bomb .docx is refused with bounded memory (E_TOO_LARGE), whatever sizes its headers claim", async () => {
    const dir = tmp("bomb");
    // 300 MB of zeros deflate to ~300 kB; the headers claim 1 kB.
    const bomb = zip([{ name: "word/document.xml", data: Buffer.alloc(300 * 1024 * 1024), deflate: true, claimedSize: 1024 }]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    writeFileSync(join(dir, "bomb.docx"), bomb);
    writeFileSync(join(dir, "good.txt"), REPORT);
    const before = process.memoryUsage().rss;
    const r = await runDir(dir);
    expect(r.errors["bomb.docx"]?.code).toBe("E_TOO_LARGE");
    expect(r.docs).toEqual(["good.txt"]);
    // The guard inflates at most its budget (256 MB) and stops; it never holds the whole bomb.
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 1024 * 1024);
    expect(() => assertZipWithinBudget(bomb, 1024 * 1024)).toThrow(/zip bomb/);
  }, 60_000);

  it("a 50 MB text file is refused by the size limit (default 32 MB, --max-size raises it)", async () => {
    const dir = tmp("big");
    const line = "2021年，我区坚持依法行政，全面推进法治政府建设。\n";
    writeFileSync(join(dir, "huge.txt"), line.repeat(Math.ceil((50 * 1024 * 1024) / Buffer.byteLength(line))));
    expect(statSync(join(dir, "huge.txt")).size).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    writeFileSync(join(dir, "good.txt"), REPORT);
    const r = await runDir(dir);
    expect(r.errors["huge.txt"]?.code).toBe("E_TOO_LARGE");
    expect(r.errors["huge.txt"]?.message).toMatch(/--max-size/);
    expect(r.docs).toEqual(["good.txt"]);
    const small = await runDir(dir, { maxBytes: 100 });
    expect(small.errors["good.txt"]?.code).toBe("E_TOO_LARGE");
  }, 60_000);

  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  // As root, chmod 000 does not stop reads (CAP_DAC_OVERRIDE), so there is nothing to test.
  it.skipIf(isRoot)("an unreadable file (chmod 000) is E_READ (skipped as root: root reads it anyway)", async () => {
    const dir = tmp("perm");
    writeFileSync(join(dir, "locked.txt"), REPORT);
    chmodSync(join(dir, "locked.txt"), 0o000);
    writeFileSync(join(dir, "good.txt"), REPORT);
    const r = await runDir(dir);
    expect(r.errors["locked.txt"]?.code).toBe("E_READ");
    expect(r.docs).toEqual(["good.txt"]);
  });

  it("mixed encodings in one batch (UTF-8, UTF-8 BOM, UTF-16LE/BE, GBK, GB18030) read to the same text", async () => {
    const dir = tmp("enc");
    writeFileSync(join(dir, "a-utf8.txt"), REPORT);
    writeFileSync(join(dir, "b-bom.txt"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(REPORT)]));
    writeFileSync(join(dir, "c-utf16le.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(REPORT, "utf-16le")]));
    writeFileSync(join(dir, "d-utf16be.txt"), Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(REPORT, "utf-16be")]));
    writeFileSync(join(dir, "e-gbk.txt"), iconv.encode(REPORT, "gbk"));
    writeFileSync(join(dir, "f-gb18030.txt"), iconv.encode(REPORT, "gb18030"));
    const r = await runDir(dir);
    expect(r.model.errors).toEqual([]);
    expect(r.docs).toHaveLength(6);
    const shape = r.model.documents.map((d) => JSON.stringify({ t: d.title, c: d.chars, f: d.findings.map((f) => [f.ruleId, f.text]) }));
    expect(new Set(shape).size).toBe(1);
  });
});

describe("odd file names: outputs stay inside the output directory", () => {
  it("../ in the path, spaces, Chinese, quotes and shell characters", () => {
    const base = tmp("names");
    const inDir = join(base, "in", "sub");
    mkdirSync(inDir, { recursive: true });
    const names = ["带 空格 的报告.txt", "..报告(2021).txt", "a;b&c'$`x`.txt", "-rf.txt", "index.txt", "％２０２１年 报告 .txt"];
    for (const n of names) writeFileSync(join(inDir, n), REPORT);
    const out = join(base, "out");
    // The inputs are named through ../ on purpose; a directory scan skips hidden names (..报告), so it is named explicitly.
    const r = cli(["check", join(inDir, "..", "sub"), join(inDir, "..", "sub", "..", "sub", "-rf.txt"), join(inDir, "..报告(2021).txt"), "--out", out, "--format", "json,md", "--rules", "national", "--no-corpus", "--quiet"]);
    expect(r.status, r.stderr).toBe(0);
    // Nothing was written next to out/ or into the input folders.
    expect(readdirSync(base).sort()).toEqual(["in", "out"]);
    expect(readdirSync(inDir).sort()).toEqual([...names].sort());
    const written = readdirSync(out, { recursive: true }) as string[];
    for (const f of written) expect(resolve(out, f).startsWith(resolve(out) + "/")).toBe(true);
    // One JSON per document plus index.json, none overwritten.
    expect(written.filter((f) => f.endsWith(".json")).length).toBe(names.length + 1);
    expect(existsSync(join(out, "index.json"))).toBe(true);
  });
});

describe("rule-file mistakes exit 2 before any document is read", () => {
  const write = (dir: string, name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it("malformed YAML", () => {
    const dir = tmp("yaml");
    const f = write(dir, "broken.yaml", "id: broken\nrules:\n  placeholder: [type: placeholder\n");
    const r = cli(["check", "no-such-input.txt", "--rules", f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+: /);
  });

  it("unknown check type", () => {
    const dir = tmp("type");
    const f = write(dir, "t.yaml", "id: t\nextends: national\nrules:\n  mine:\n    type: no-such-check\n    severity: error\n");
    const r = cli(["check", "no-such-input.txt", "--rules", f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/t\.yaml:5:11: /);
  });

  it("extends cycle", () => {
    const dir = tmp("cycle");
    write(dir, "a.yaml", "id: a\nextends: ./b.yaml\nrules: {}\n");
    const b = write(dir, "b.yaml", "id: b\nextends: ./a.yaml\nrules: {}\n");
    const r = cli(["check", "no-such-input.txt", "--rules", b]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/(cycle|循环)/);
  });
});

describe("a catastrophic user regular expression does not hang a run", () => {
  it("(a+)+$ on a 50,000-character line runs in linear time (RE2 engine)", () => {
    const dir = tmp("redos");
    const rules = join(dir, "redos.yaml");
    writeFileSync(rules, ["id: redos", "extends: national", "rules:", "  placeholder:", "    extraPatterns:", '      - {kind: redos, pattern: "(a+)+$"}',
      // duplicate-text is itself super-linear on one long run of a single character (about n^2.2:
      // 1,000 chars 1.2 s, 2,000 chars 5.5 s, measured 2026-11-23); off here so the test isolates the regex.
      "  duplicate-sentence: off", ""].join("\n"));
    writeFileSync(join(dir, "long.txt"), REPORT + "a".repeat(50_000) + "!\n");
    const t0 = Date.now();
    const r = cli(["check", join(dir, "long.txt"), "--rules", rules, "--json", "--no-corpus"]);
    expect(r.status, r.stderr).not.toBe(2);
    expect(Date.now() - t0).toBeLessThan(30_000); // native backtracking: 2^50000 steps
    expect(JSON.parse(r.stdout).documents).toHaveLength(1);
  }, 60_000);

  it("nested repetition with lookaround (which RE2 cannot run) is refused at load: E_REGEX, exit 2", () => {
    const dir = tmp("redos2");
    const rules = join(dir, "redos.yaml");
    writeFileSync(rules, ["id: redos", "extends: national", "rules:", "  placeholder:", "    extraPatterns:", '      - {kind: redos, pattern: "(?<!b)(a+)+$"}', ""].join("\n"));
    const r = cli(["check", "no-such-input.txt", "--rules", rules]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/redos\.yaml:\d+:\d+: .*(指数|exponential)/);
  });

  it("userRegExp: linear engine for repetition, native for bounded patterns, same matches as RegExp", () => {
    const t0 = Date.now();
    expect(userRegExp("(a+)+$", "u").test("a".repeat(100_000) + "b")).toBe(false);
    // matchAll/split clone the regexp through its species constructor: the clone must stay linear too.
    expect([...("a".repeat(50_000) + "!").matchAll(userRegExp("(a+)+$", "gu"))]).toEqual([]);
    expect(("a".repeat(50_000) + "!").split(userRegExp("(a+)+$", "u"))).toHaveLength(1);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(hasNestedRepetition("(a|aa)*b")).toBe(true);
    expect(hasNestedRepetition("(?<![A-Za-z])[Xx×](?:[ ]?[Xx×])+")).toBe(false);
    const text = "😀XX市，×× 县，法制办公室；　空格\u3000，abc_def 2021年";
    for (const [src, flags] of [
      ["[Xx×]{2,}", "gu"],
      ["\\s+", "gu"],
      ["法制办(公室)?", "gu"],
      ["\\p{Script=Han}+", "gu"],
      ["(?<y>\\d{4})年", "gu"],
      ["[a-z]+_\\w+", "giu"],
    ] as const) {
      const mine = [...text.matchAll(userRegExp(src, flags))].map((m) => [m.index, ...m]);
      const native = [...text.matchAll(new RegExp(src, flags))].map((m) => [m.index, ...m]);
      expect(mine, src).toEqual(native);
      expect(text.replace(userRegExp(src, flags), "#"), src).toBe(text.replace(new RegExp(src, flags), "#"));
    }
  });
});

describe("fuzz: normalize + segment on random Unicode", () => {
  const segmenter = createSegmenter("node-rs");
  // Random Unicode plus the characters the stages care about (digits, CJK punctuation, numerals, line breaks).
  const piece = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 30 }),
    fc.string({ unit: "binary", maxLength: 30 }),
    fc.constantFrom("\n", "\n\n", "\r\n", "　", "。", "，", "；", "一、", "（一）", "1.", "2021年", "２０２１ 年", "98.99 %", "12件", "一百二十三", "二〇二一年", "(2021—2025年)", "发布时间：", "当前位置：", "XX", "\u200b", "\ufeff", "😀", "\ud800"),
  );
  it("nothing throws; every offset lies inside the text and maps back to the original", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const original = parts.join("");
        const n = normalize(rawDoc(original));
        const s = segment(n, segmenter);
        const len = s.text.length;
        for (const b of s.blocks) {
          expect(b.start).toBeGreaterThanOrEqual(0);
          expect(b.end).toBeLessThanOrEqual(len);
          expect(b.start).toBeLessThanOrEqual(b.end);
        }
        for (const x of s.sentences) {
          expect(x.start).toBeGreaterThanOrEqual(0);
          expect(x.end).toBeLessThanOrEqual(len);
        }
        // Round trip: every normalized span maps to a span of the original, in order.
        for (const b of s.blocks) {
          const [os, oe] = n.map.toOriginal(b.start, b.end);
          expect(os).toBeGreaterThanOrEqual(0);
          expect(oe).toBeLessThanOrEqual(original.length);
          expect(os).toBeLessThanOrEqual(oe);
          expect(original.slice(os, oe).length).toBe(oe - os);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
