/**
 * @fileoverview The administrative-division tree (rules/regions.yaml) and province inference: which
 * province a unit name or title belongs to (广州市番禺区人民政府 → guangdong), and so which built-in
 * rule set a document gets. The typed tree is exported for checks that compare place names.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Node } from "yaml";
import { isMap, isScalar, isSeq } from "./yaml-lazy.js";
import { defaultBuiltinDir, listBuiltinRuleSets } from "./builtin.js";
import { entries, parseSource, positionAt, positionOf, type SourceFile } from "./yaml-source.js";

/** province → prefecture-level city → district/county → street/town. */
export type RegionLevel = "province" | "prefecture" | "county" | "township";

export interface RegionNode {
  /** Official full name (example: `番禺区`). */
  name: string;
  level: RegionLevel;
  /** Other names that also identify this place in text (example: `广州` for `广州市`). */
  aliases: string[];
  /** Id of the province the place is in (example: `guangdong`). */
  province: string;
  /** Names from the province down to the parent (example: `["广东省", "广州市"]` for 番禺区). */
  path: string[];
  children: RegionNode[];
}

export interface ProvinceNode extends RegionNode {
  level: "province";
  /** Rule-set id (lowercase pinyin, example: `guangdong`). */
  id: string;
  short: string;
  /** One-character abbreviation (example: `粤`); not used for matching. */
  abbr?: string;
  capital: string;
  /** 北京/天津/上海/重庆: children are districts. */
  municipality: boolean;
}

export interface Regions {
  provinces: ProvinceNode[];
  byId: ReadonlyMap<string, ProvinceNode>;
  /** Every name and alias → the places it names (more than one when a name is shared). */
  byName: ReadonlyMap<string, RegionNode[]>;
}

export interface ProvinceMatch {
  /** Province id (example: `guangdong`). */
  province: string;
  /** The name found in the text (example: `番禺区`). */
  matched: string;
}

const cache = new Map<string, Regions>();

/**
 * Reads and indexes rules/regions.yaml (cached per file).
 * @throws Error with `file:line:column` when the file is malformed (it is a built-in data file)
 */
export function loadRegions(file = join(defaultBuiltinDir(), "regions.yaml")): Regions {
  let regions = cache.get(file);
  if (!regions) {
    regions = parseRegions(readFileSync(file, "utf8"), file);
    cache.set(file, regions);
  }
  return regions;
}

/** Puts an already built tree in the cache for `file` (the precompiled snapshot, ruleset/snapshot.ts). */
export function primeRegions(file: string, regions: Regions): void {
  cache.set(file, regions);
}

/** Builds the tree from YAML text (exported for tests). */
export function parseRegions(text: string, file = "regions.yaml"): Regions {
  const src = parseSource(file, text);
  const fail = (node: unknown, what: string): never => {
    const p = positionOf(src, node);
    throw new Error(`${file}:${p.line}:${p.column}: ${what}`);
  };
  const syntax = src.doc.errors[0];
  if (syntax) {
    const p = positionAt(src, syntax.pos[0]);
    throw new Error(`${file}:${p.line}:${p.column}: ${syntax.message}`);
  }
  const root = src.doc.contents;
  const provincesNode = isMap(root) ? root.get("provinces", true) : undefined;
  if (!isMap(provincesNode)) return fail(root, "expected a mapping `provinces:`");

  const provinces: ProvinceNode[] = [];
  for (const { key: id, pair } of entries(provincesNode)) {
    const m = pair.value;
    if (!isMap(m)) return fail(pair.value ?? pair.key, `province ${id}: expected a mapping`);
    const str = (k: string, required: boolean): string | undefined => {
      const v = m.get(k, true);
      if (v === undefined && !required) return undefined;
      if (!isScalar(v) || typeof v.value !== "string") return fail(v ?? m, `province ${id}: \`${k}\` must be a string`);
      return v.value;
    };
    const name = str("name", true)!;
    const short = str("short", true)!;
    const abbr = str("abbr", false);
    const municipality = m.get("municipality") === true;
    const province: ProvinceNode = {
      id,
      name,
      short,
      capital: str("capital", true)!,
      municipality,
      level: "province",
      aliases: [short],
      province: id,
      path: [],
      children: [],
    };
    if (abbr !== undefined) province.abbr = abbr;
    const places = m.get("places", true);
    if (places !== undefined) province.children = readPlaces(src, places, province, [name], 1, fail);
    provinces.push(province);
  }

  const byName = new Map<string, RegionNode[]>();
  const add = (n: RegionNode) => {
    for (const key of [n.name, ...n.aliases]) {
      const list = byName.get(key);
      if (list) list.push(n);
      else byName.set(key, [n]);
    }
    n.children.forEach(add);
  };
  provinces.forEach(add);
  return { provinces, byId: new Map(provinces.map((p) => [p.id, p])), byName };
}

function readPlaces(src: SourceFile, node: unknown, province: ProvinceNode, path: string[], depth: number, fail: (n: unknown, what: string) => never): RegionNode[] {
  if (!isSeq(node)) return fail(node, `${path.join("/")}: \`places\` must be a list`);
  const out: RegionNode[] = [];
  for (const item of node.items) {
    let name: string;
    let children: unknown;
    if (isScalar(item) && typeof item.value === "string") {
      name = item.value;
    } else if (isMap(item) && item.items.length === 1) {
      const [only] = entries(item);
      name = only!.key;
      children = only!.pair.value;
    } else {
      return fail(item, `${path.join("/")}: a place is a name or a one-key mapping {name: [children]}`);
    }
    const level = levelAt(depth, province.municipality);
    const place: RegionNode = { name, level, aliases: aliasesOf(name, level), province: province.id, path, children: [] };
    if (children !== undefined && !(isScalar(children) && children.value === null)) {
      place.children = readPlaces(src, children as Node, province, [...path, name], depth + 1, fail);
    }
    out.push(place);
  }
  return out;
}

function levelAt(depth: number, municipality: boolean): RegionLevel {
  const levels: RegionLevel[] = municipality ? ["province", "county", "township", "township"] : ["province", "prefecture", "county", "township"];
  return levels[Math.min(depth, 3)]!;
}

const ETHNIC_PREFECTURE_RE = /^(.+?)(?:土家族|苗族|布依族|侗族|彝族|藏族|羌族|傣族|景颇族|白族|哈尼族|壮族|傈僳族|回族|蒙古族|哈萨克族|柯尔克孜族|朝鲜族|瑶族)+自治州$/u;

/**
 * Short names for prefecture-level places only (广州市 → 广州; 恩施土家族苗族自治州 → 恩施州, 恩施).
 * NOTE: districts and towns get no short name: 河北区 → 河北 would read as the province 河北, and
 * 和平, 南开, 长宁 are ordinary words or other places.
 */
function aliasesOf(name: string, level: RegionLevel): string[] {
  if (level !== "prefecture") return [];
  const eth = ETHNIC_PREFECTURE_RE.exec(name);
  if (eth) return [`${eth[1]}州`, eth[1]!];
  const m = /^(.{2,})(?:市|地区|盟)$/u.exec(name);
  return m ? [m[1]!] : [];
}

/**
 * Finds the province a unit name or title belongs to. Every known name and alias is searched; the
 * LONGEST name found wins (天津市河北区 → 河北区/天津市 beat 河北), then the earliest, then the
 * higher level.
 * @param text unit (example: `广州市番禺区人民政府`) or title
 * @returns null when no place name occurs
 */
export function inferProvince(text: string, regions: Regions = loadRegions()): ProvinceMatch | null {
  let best: { name: string; at: number; node: RegionNode } | null = null;
  const rank = (n: RegionNode) => ["province", "prefecture", "county", "township"].indexOf(n.level);
  for (const [name, nodes] of regions.byName) {
    const at = text.indexOf(name);
    if (at < 0) continue;
    const node = [...nodes].sort((a, b) => rank(a) - rank(b))[0]!;
    if (!best || name.length > best.name.length || (name.length === best.name.length && (at < best.at || (at === best.at && rank(node) < rank(best.node))))) {
      best = { name, at, node };
    }
  }
  return best ? { province: best.node.province, matched: best.name } : null;
}

/**
 * The built-in rule set for a document: its province's set when one exists in rules/provinces/, else `national`.
 * @param text unit or title
 */
export function chooseRuleSet(text: string, opts: { builtinDir?: string; regions?: Regions } = {}): string {
  const match = inferProvince(text, opts.regions ?? loadRegions());
  if (match && listBuiltinRuleSets(opts.builtinDir).includes(match.province)) return match.province;
  return "national";
}
