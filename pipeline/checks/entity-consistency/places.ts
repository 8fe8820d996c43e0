/**
 * @fileoverview Places and issuing units for the `entity-consistency` check: a place index built
 * from region files (rules/regions.yaml: province → city → district, plus rules/kb/places-local.yaml:
 * towns and streets), place mentions in text, and parsing a unit name
 * (`广州市荔湾区人民政府东漖街道办事处`, `中共洪山区委全面依法治区委员会办公室`, `东漖街`) into its place chain
 * and organ.
 *
 * NOTE on levels: 1 = province (省, 自治区, 直辖市), 2 = city (地级市, 州, 盟, 地区; a district of a
 * municipality is also 2), 3 = district/county (区, 县, 旗, 县级市), 4 = town/street (镇, 乡, 街道).
 * Inside a region file the level is the depth in the tree; a name outside the tree gets the level
 * of its suffix.
 */
import { existsSync } from "node:fs";
import { readDataFileSync } from "../../files.js";
import { parse } from "../../ruleset/yaml-lazy.js";

export interface Place {
  /** Full name with suffix (example: `番禺区`). */
  name: string;
  /** Name without the administrative suffix (example: `番禺`). */
  stem: string;
  suffix: string;
  level: number;
  /** Full name of the parent place, when known. */
  parent?: string;
  /** Found in a region file. */
  known: boolean;
}

const MUNICIPALITIES = new Set(["北京市", "天津市", "上海市", "重庆市"]);
// Longest suffixes first.
const SUFFIXES: [string, number][] = [
  ["特别行政区", 1],
  ["自治区", 1],
  ["自治州", 2],
  ["自治县", 3],
  ["街道办事处", 4],
  ["街道", 4],
  ["省", 1],
  ["市", 2],
  ["州", 2],
  ["盟", 2],
  ["地区", 2],
  ["区", 3],
  ["县", 3],
  ["旗", 3],
  ["镇", 4],
  ["乡", 4],
  ["街", 4],
];

/** Suffix and its default level, or null when the name has no administrative suffix. */
export function splitSuffix(name: string): { stem: string; suffix: string; level: number } | null {
  for (const [s, level] of SUFFIXES) {
    if (name.endsWith(s) && name.length > s.length) {
      const suffix = s === "街道办事处" ? "街道" : s;
      let stem = name.slice(0, name.length - s.length);
      // 恩施土家族苗族自治州 and 恩施州 are one place: the stem of an autonomous prefecture or county
      // is its place name without the peoples it is named for.
      if (suffix === "自治州" || suffix === "自治县") stem = autonomousStem(stem) ?? stem;
      return { stem, suffix, level: MUNICIPALITIES.has(name) ? 1 : level };
    }
  }
  return null;
}

/**
 * Peoples an autonomous prefecture or county is named for (the 55 minority nationalities as written
 * in unit names; 各族 for 各族自治县). Longest first so 土家族 is not read as 土族.
 */
const PEOPLES = [
  "柯尔克孜", "鄂伦春", "鄂温克", "达斡尔", "哈萨克", "塔吉克", "乌孜别克", "塔塔尔", "俄罗斯", "高山", "维吾尔",
  "土家", "朝鲜", "布依", "哈尼", "景颇", "傈僳", "蒙古", "纳西", "普米", "拉祜", "布朗", "独龙", "仡佬", "毛南", "仫佬",
  "东乡", "保安", "裕固", "锡伯", "撒拉", "阿昌", "德昂", "基诺", "门巴", "珞巴", "赫哲", "土", "苗", "侗", "藏", "羌", "彝",
  "傣", "白", "回", "壮", "瑶", "黎", "佤", "怒", "水", "畲", "满", "京", "各",
].sort((a, b) => b.length - a.length);
const PEOPLES_TAIL = new RegExp(`(?:(?:${PEOPLES.join("|")})族)+$`, "u");

/** `恩施土家族苗族` → `恩施`; null when the stem does not end in peoples' names or nothing is left. */
function autonomousStem(stem: string): string | null {
  const m = PEOPLES_TAIL.exec(stem);
  if (!m || m.index < 2) return null;
  return stem.slice(0, m.index);
}

/** The short form of an autonomous prefecture or county in running text: 恩施州, 长阳县. */
export function autonomousShortName(name: string): string | null {
  const s = splitSuffix(name);
  if (!s || (s.suffix !== "自治州" && s.suffix !== "自治县")) return null;
  const short = s.stem + (s.suffix === "自治州" ? "州" : "县");
  return short !== name && s.stem.length >= 2 && name.startsWith(s.stem) && name.length > short.length ? short : null;
}

export class PlaceIndex {
  private readonly byName = new Map<string, Place>();
  private pattern: RegExp | null = null;

  /** Rule-set province id (rules/regions.yaml `provinces.<id>`) → the province's full name. */
  readonly provinceNames = new Map<string, string>();

  /** Adds a place; the first definition of a name wins (region files are read in order). */
  add(name: string, level: number, parent?: string): void {
    if (this.byName.has(name)) return;
    const s = splitSuffix(name);
    if (!s) return;
    const p: Place = { name, stem: s.stem, suffix: s.suffix, level, known: true };
    if (parent) p.parent = parent;
    this.byName.set(name, p);
    this.pattern = null;
    // 恩施土家族苗族自治州 is 恩施州 in running text and in its own unit name (恩施州人民政府).
    const short = autonomousShortName(name);
    if (short && !this.byName.has(short)) {
      const sp: Place = { name: short, stem: s.stem, suffix: short.slice(-1), level, known: true };
      if (parent) sp.parent = parent;
      this.byName.set(short, sp);
    }
  }

  get(name: string): Place | undefined {
    return this.byName.get(name);
  }

  get size(): number {
    return this.byName.size;
  }

  /** Known place names occurring in `text` (longest match first, non-overlapping), relative offsets. */
  findKnown(text: string): { start: number; end: number; place: Place }[] {
    if (this.byName.size === 0) return [];
    this.pattern ??= new RegExp([...this.byName.keys()].sort((a, b) => b.length - a.length).map(escapeRe).join("|"), "gu");
    const out: { start: number; end: number; place: Place }[] = [];
    this.pattern.lastIndex = 0;
    for (const m of text.matchAll(this.pattern)) out.push({ start: m.index, end: m.index + m[0].length, place: this.byName.get(m[0])! });
    return out;
  }

  /** The place for a name: known, or built from its suffix. */
  resolve(name: string): Place | null {
    const known = this.byName.get(name);
    if (known) return known;
    const s = splitSuffix(name);
    return s ? { name, stem: s.stem, suffix: s.suffix, level: s.level, known: false } : null;
  }

  /** Known places whose parent is `parent` (full names only, not the short forms of autonomous places). */
  children(parent: string): Place[] {
    const out: Place[] = [];
    for (const p of this.byName.values()) if (p.parent === parent && splitSuffix(p.name)?.suffix === p.suffix) out.push(p);
    return out;
  }

  /**
   * Short names of towns and streets under `parent` written before one of their own bodies:
   * `东漖街劳监中队`, `东漖派出所`, `西河镇司法所` (the full name 东漖街道 is found by findKnown). Relative
   * offsets of the place part (东漖街, 东漖); `skip` is the own place's stem.
   */
  findShortTownNames(text: string, parent: string, skip: string): { start: number; end: number; place: Place }[] {
    const key = `${parent}\u0000${skip}`;
    let re = this.shortCache.get(key);
    if (re === undefined) {
      const byStem = new Map<string, Place>();
      for (const p of this.children(parent)) if (p.level === 4 && p.stem.length >= 2 && p.stem !== skip && !p.stem.includes(skip) && !skip.includes(p.stem)) byStem.set(p.stem, p);
      re = byStem.size ? { re: new RegExp(`(${[...byStem.keys()].sort((a, b) => b.length - a.length).map(escapeRe).join("|")})(街(?!道)|镇|乡)?(?=${TOWN_BODIES})`, "gu"), byStem } : null;
      this.shortCache.set(key, re);
    }
    if (!re) return [];
    const out: { start: number; end: number; place: Place }[] = [];
    for (const m of text.matchAll(re.re)) out.push({ start: m.index, end: m.index + m[0].length, place: re.byStem.get(m[1]!)! });
    return out;
  }
  private readonly shortCache = new Map<string, { re: RegExp; byStem: Map<string, Place> } | null>();

  /** Chain of known ancestors, nearest first. */
  ancestors(p: Place): Place[] {
    const out: Place[] = [];
    let cur = p.parent ? this.byName.get(p.parent) : undefined;
    while (cur && out.length < 6) {
      out.push(cur);
      cur = cur.parent ? this.byName.get(cur.parent) : undefined;
    }
    return out;
  }
}

/**
 * Bodies of a town or street that belong to it and carry its name: its squads, offices and service
 * centres (劳监中队, 综合执法队, 司法所, 综治中心 …). A road or a village of the same stem (东漖北路, 东漖村)
 * is not one of them, nor are the outposts of district agencies that may serve several streets (派出所,
 * 税务所, 市场监管所, 卫生院): a neighbour's police station named in a joint operation is no leftover.
 */
const TOWN_BODIES =
  "(?:劳监中队|劳动保障监察中队|劳动监察中队|执法中队|执法队|城管中队|城管执法|安监中队|综合执法|综合行政执法|司法所|财政所|政务服务中心|综治中心|综治办|文化站|农业服务中心|公共服务中心|党群服务中心|党工委|纪工委|人大工委|办事处|人民政府|党委)";

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Reads region files of any reasonable shape: every string (a mapping key, a list item, or a
 * `name:` value) that ends in an administrative suffix is a place; its parent is the nearest place
 * above it in the tree. Missing files are skipped.
 */
export function loadPlaceIndex(files: string[]): PlaceIndex {
  const index = new PlaceIndex();
  for (const f of files) {
    if (!existsSync(f)) continue;
    const data = parse(readDataFileSync(f)) as unknown;
    walk(data, undefined, 0, index);
    // rules/regions.yaml: provinces.<id>.name — the profile names a province by its rule-set id.
    const provinces = (data as { provinces?: Record<string, { name?: unknown }> } | null)?.provinces;
    if (provinces && typeof provinces === "object") {
      for (const [id, v] of Object.entries(provinces)) if (v && isPlaceName(v.name) && !index.provinceNames.has(id)) index.provinceNames.set(id, v.name);
    }
  }
  return index;
}

const PLACE_NAME = /^[\u3400-\u9fff]{1,12}$/u;

function isPlaceName(s: unknown): s is string {
  return typeof s === "string" && PLACE_NAME.test(s) && splitSuffix(s) !== null;
}

function walk(node: unknown, parent: Place | undefined, depth: number, index: PlaceIndex): void {
  const levelFor = (name: string): number => {
    if (parent) return Math.min(4, parent.level + 1);
    return splitSuffix(name)!.level;
  };
  const register = (name: string): Place | undefined => {
    index.add(name, levelFor(name), parent?.name);
    return index.get(name);
  };
  if (depth > 12 || node === null || node === undefined) return;
  if (isPlaceName(node)) {
    register(node);
    return;
  }
  if (Array.isArray(node)) {
    for (const item of node) walk(item, parent, depth + 1, index);
    return;
  }
  if (typeof node !== "object") return;
  const obj = node as Record<string, unknown>;
  // An object with a place `name` is that place; its other fields hold children or aliases.
  const named = isPlaceName(obj.name) ? register(obj.name as string) : undefined;
  const here = named ?? parent;
  for (const [key, value] of Object.entries(obj)) {
    if (key === "name" || /^(aliases?|alias|short|abbr|code|id|pinyin)$/i.test(key)) continue;
    if (isPlaceName(key)) {
      index.add(key, here ? Math.min(4, here.level + 1) : splitSuffix(key)!.level, here?.name);
      walk(value, index.get(key), depth + 1, index);
    } else {
      walk(value, here, depth + 1, index);
    }
  }
}

/** Words no place stem contains (依法治区, 综合执法区…). */
const NOT_A_PLACE = /(全面|依法|法治|治理|建设|工作|委员|领导|小组|综合|行政|执法|管理|服务|示范|开发|试验|自贸|保税|高新|经济|新区|园区|社区)/u;

/** Organ words that end the place part of a unit name. */
const ORGAN = /(中国共产党|中共|人民代表大会常务委员会|人民代表大会|人民政府|人民法院|人民检察院|政府|办事处|党工委|党委|委员会|办公室|办公厅|常委会|人大|政协|司法局|局|委|办|厅)/u;

export interface UnitName {
  /** The text parsed (example: `广州市番禺区人民政府`). */
  text: string;
  /** Places, outermost first (example: 广州市, 番禺区). */
  places: Place[];
  /** Organ words after the most specific place (example: `人民政府`, `委`, `办公室`). */
  organs: string[];
}

/**
 * Parses a unit name into places and organs. Known names are matched first; an unknown name counts
 * only at the start of the text or right after another place (`西联镇`, `XX市`, `东漖街`), which keeps
 * `全面依法治区` out of `中共洪山区委全面依法治区委员会办公室`.
 */
export function parseUnitName(text: string, index: PlaceIndex): UnitName {
  const t = text.replace(/[\s\u3000]+/g, "").replace(/^(中国共产党|中共)/u, "");
  const places: Place[] = [];
  const organs: string[] = [];
  let i = 0;
  let expectPlace = true;
  while (i < t.length) {
    const rest = t.slice(i);
    const known = index.findKnown(rest).find((k) => k.start === 0);
    if (known) {
      places.push(known.place);
      i += known.end;
      expectPlace = true;
      continue;
    }
    if (expectPlace) {
      const m = /^([\u3400-\u9fffA-Za-z×]{1,5}?)(自治区|自治州|自治县|街道办事处|街道|省|市|州|盟|区|县|旗|镇|乡|街)(?![道])/u.exec(rest);
      if (m && !ORGAN.test(m[1]!) && !NOT_A_PLACE.test(m[1]!) && m[1]!.length >= (/[A-Za-z×]/.test(m[1]!) ? 1 : 2)) {
        const p = index.resolve(m[1]! + m[2]!)!;
        places.push(p);
        i += m[0].length;
        continue;
      }
    }
    const o = ORGAN.exec(rest);
    if (o && o.index === 0) {
      organs.push(o[0]);
      i += o[0].length;
      expectPlace = true; // 广州市荔湾区人民政府 | 东漖街道办事处
      continue;
    }
    expectPlace = false;
    i++;
  }
  return { text, places, organs };
}

/** The most specific place of a unit. */
export function ownPlace(u: UnitName): Place | undefined {
  return u.places.reduce<Place | undefined>((best, p) => (!best || p.level >= best.level ? p : best), undefined);
}
