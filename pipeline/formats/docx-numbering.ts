/**
 * @fileoverview Word's automatic numbering (一、 （一） 1. ① generated from numbering.xml rather than
 * typed) written into the paragraphs before mammoth reads the file, so the extracted text carries the
 * numbers a reader sees and the numbering checks can read them. mammoth keeps only "ordered or not"
 * of a list level; the number format (`w:numFmt`), pattern (`w:lvlText`) and start are read here.
 *
 * Counters run per `w:numId`; a level's counter restarts when a shallower level advances. Numbering
 * through paragraph styles (headings numbered by their style) is followed one style deep. Bullets
 * and `none` formats are left alone.
 */
import JSZip from "jszip";

interface Level {
  start: number;
  fmt: string;
  text: string;
  suffix: string;
}

const attr = (xml: string, tag: string): string | null => {
  const m = new RegExp(`<w:${tag}\\b[^>]*\\bw:val="([^"]*)"`).exec(xml);
  return m ? m[1]! : null;
};

function parseLevels(xml: string): Map<number, Level> {
  const levels = new Map<number, Level>();
  for (const m of xml.matchAll(/<w:lvl\b[^>]*\bw:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
    const body = m[2]!;
    levels.set(Number(m[1]), {
      start: Number(attr(body, "start") ?? "1"),
      fmt: attr(body, "numFmt") ?? "decimal",
      text: decodeXml(attr(body, "lvlText") ?? ""),
      suffix: attr(body, "suff") ?? "tab",
    });
  }
  return levels;
}

const CN_DIGITS = "〇一二三四五六七八九";

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 9999). */
export function chineseCounting(n: number): string {
  if (n <= 0 || n >= 10000) return String(n);
  const units = ["", "十", "百", "千"];
  const digits = String(n).split("").map(Number);
  let out = "";
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = out.length > 0;
      return;
    }
    if (zero) out += "零";
    zero = false;
    out += (d === 1 && unit === "十" && out === "" ? "" : CN_DIGITS[d]) + unit;
  });
  return out;
}

function letters(n: number, upper: boolean): string {
  const ch = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let out = "";
  for (const [v, s] of table) while (n >= v) {
    out += s;
    n -= v;
  }
  return out;
}

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case "chineseCounting":
    case "chineseCountingThousand":
    case "chineseLegalSimplified":
    case "japaneseCounting":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
    case "ideographDigital":
      return chineseCounting(n);
    case "ideographTraditional":
      return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]!;
    case "ideographZodiac":
      return "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12]!;
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case "upperLetter":
      return letters(n, true);
    case "lowerLetter":
      return letters(n, false);
    case "upperRoman":
      return roman(n);
    case "lowerRoman":
      return roman(n).toLowerCase();
    case "decimalZero":
      return String(n).padStart(2, "0");
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    default:
      return String(n);
  }
}

function decodeXml(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}
function encodeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Returns a copy of the .docx with automatic numbers typed into their paragraphs (and the
 * paragraphs' own numbering removed), or null when the document has no automatic numbering.
 */
export async function materializeNumbering(buf: Uint8Array): Promise<Buffer | null> {
  const zip = await JSZip.loadAsync(buf);
  const numberingXml = await zip.file("word/numbering.xml")?.async("string");
  const docFile = zip.file("word/document.xml");
  if (!numberingXml || !docFile) return null;
  const abstract = new Map<string, Map<number, Level>>();
  for (const m of numberingXml.matchAll(/<w:abstractNum\b[^>]*\bw:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) abstract.set(m[1]!, parseLevels(m[2]!));
  const nums = new Map<string, Map<number, Level>>();
  for (const m of numberingXml.matchAll(/<w:num\b[^>]*\bw:numId="(\d+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const base = abstract.get(attr(m[2]!, "abstractNumId") ?? "");
    if (!base) continue;
    const levels = new Map([...base].map(([k, v]) => [k, { ...v }]));
    for (const o of m[2]!.matchAll(/<w:lvlOverride\b[^>]*\bw:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvlOverride>/g)) {
      const lvl = levels.get(Number(o[1]));
      const start = attr(o[2]!, "startOverride");
      if (lvl && start !== null) lvl.start = Number(start);
    }
    nums.set(m[1]!, levels);
  }
  if (!nums.size) return null;
  const styleNum = new Map<string, { numId: string; ilvl: number }>();
  const stylesXml = await zip.file("word/styles.xml")?.async("string");
  for (const m of stylesXml?.matchAll(/<w:style\b[^>]*\bw:styleId="([^"]+)"[^>]*>([\s\S]*?)<\/w:style>/g) ?? []) {
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(m[2]!);
    const numId = numPr ? attr(numPr[1]!, "numId") : null;
    if (numId) styleNum.set(m[1]!, { numId, ilvl: Number(attr(numPr![1]!, "ilvl") ?? "0") });
  }
  const counters = new Map<string, number[]>();
  let changed = false;
  const docXml = await docFile.async("string");
  const out = docXml.replace(/<w:p\b(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g, (p) => {
    const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(p);
    const numPr = pPr ? /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(pPr[1]!) : null;
    let numId = numPr ? attr(numPr[1]!, "numId") : null;
    let ilvl = numPr ? Number(attr(numPr[1]!, "ilvl") ?? "0") : 0;
    if (!numPr && pPr) {
      const style = styleNum.get(attr(pPr[1]!, "pStyle") ?? "");
      if (style) ({ numId, ilvl } = style);
    }
    if (!numId || numId === "0") return p;
    const levels = nums.get(numId);
    const level = levels?.get(ilvl);
    if (!levels || !level || level.fmt === "bullet" || level.fmt === "none" || !level.text) return p;
    const count = counters.get(numId) ?? [];
    for (let k = 0; k < ilvl; k++) if (count[k] === undefined) count[k] = levels.get(k)?.start ?? 1;
    count[ilvl] = count[ilvl] === undefined ? level.start : count[ilvl]! + 1;
    count.length = ilvl + 1;
    counters.set(numId, count);
    let label = level.text.replace(/%(\d)/g, (_, d: string) => {
      const k = Number(d) - 1;
      return formatNumber(count[k] ?? levels.get(k)?.start ?? 1, levels.get(k)?.fmt ?? "decimal");
    });
    // Word separates the number with a tab or space; typed Chinese numbering has none after 、 . ） ①.
    if (level.suffix !== "nothing" && /[A-Za-z0-9]$/.test(label)) label += " ";
    changed = true;
    const run = `<w:r><w:t xml:space="preserve">${encodeXml(label)}</w:t></w:r>`;
    let q = p.replace(/<w:numPr>[\s\S]*?<\/w:numPr>/, "");
    if (/<\/w:pPr>/.test(q)) q = q.replace(/<\/w:pPr>/, `</w:pPr>${run}`);
    else q = q.replace(/^<w:p\b(?:\s[^>]*)?>/, (open) => `${open}${run}`);
    return q;
  });
  if (!changed) return null;
  zip.file("word/document.xml", out);
  return zip.generateAsync({ type: "nodebuffer" });
}
