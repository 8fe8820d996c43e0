/**
 * Segmenters: token offsets and coverage on every seed, the domain dictionary in both adapters, tags,
 * and the instance cache.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Token } from "../pipeline/model/document.js";
import { normalize } from "../pipeline/stages/normalize.js";
import { DEFAULT_USER_DICT, SEGMENTER_NAMES, createSegmenter } from "../pipeline/segmenter/index.js";

const CORPUS = new URL("../corpus/", import.meta.url);
const SEEDS = ["000_c49e41131fdb983c.txt", "001_fd56e537edcebdc8.txt", "002_88355d0e2550c175.txt", "003_8388e48a1664613c.txt", "004_b7fad94994891559.txt"];

function normalizedSeed(name: string): string {
  const original = readFileSync(new URL(name, CORPUS), "utf8");
  return normalize({ path: name, format: "txt", encoding: "utf-8", original, meta: {} }).text;
}

function expectTokensCover(text: string, tokens: Token[]): void {
  let prev = 0;
  for (const t of tokens) {
    expect(t.start).toBeGreaterThanOrEqual(prev);
    expect(t.end).toBeGreaterThan(t.start);
    expect(text.slice(t.start, t.end)).toBe(t.word);
    expect(t.word.trim()).toBe(t.word);
    // Everything skipped between tokens is whitespace.
    expect(text.slice(prev, t.start).trim()).toBe("");
    prev = t.end;
  }
  expect(text.slice(prev).trim()).toBe("");
  expect(tokens.map((t) => t.word).join("")).toBe(text.replace(/\s/gu, ""));
}

const DOMAIN_SENTENCES: Array<[string, string]> = [
  ["法治政府", "坚持建设法治政府是我们的目标。"],
  ["行政复议", "当事人可以申请行政复议或者提起诉讼。"],
  ["枫桥经验", "坚持和发展新时代的枫桥经验做法。"],
  ["一网通办", "推进一网通办建设，方便群众。"],
  ["谁执法谁普法", "落实谁执法谁普法责任制。"],
  ["合法性审查", "加强合法性审查工作。"],
  ["习近平法治思想", "深入学习贯彻习近平法治思想。"],
  ["八五普法", "启动八五普法规划。"],
  ["府院联动", "建立府院联动机制。"],
  ["证照分离", "推进证照分离改革全覆盖。"],
];

describe.each(SEGMENTER_NAMES)("segmenter %s", (name) => {
  const seg = createSegmenter(name);

  it("has its name", () => {
    expect(seg.name).toBe(name);
  });

  it.each(SEEDS)("cut(%s): tokens are in order, match the text and cover every non-space character", (file) => {
    const text = normalizedSeed(file);
    expectTokensCover(text, seg.cut(text));
  });

  it("tag() gives the same coverage with a tag per token", () => {
    const text = normalizedSeed(SEEDS[3]!);
    const tagged = seg.tag(text);
    expectTokensCover(text, tagged);
    for (const t of tagged) expect(t.tag).toMatch(/^[a-z]+$/u);
    expect(tagged.find((t) => t.word === "2019")?.tag).toBe("m");
  });

  it.each(DOMAIN_SENTENCES)("keeps the domain term %s whole", (term, sentence) => {
    const words = seg.cut(sentence).map((t) => t.word);
    expect(words).toContain(term);
  });

  it("handles empty text, newlines and Latin/number runs", () => {
    expect(seg.cut("")).toEqual([]);
    const text = "  第一行\n\n 2021年 98.99% ABC \n";
    expectTokensCover(text, seg.cut(text));
  });

  it("is cached per name and dictionary set", () => {
    expect(createSegmenter(name)).toBe(seg);
    expect(createSegmenter(name, { userDictPaths: [DEFAULT_USER_DICT] })).toBe(seg);
  });
});

describe("user dictionary", () => {
  it("is what keeps the terms whole (node-rs without it splits them)", () => {
    const bare = createSegmenter("node-rs", { userDictPaths: [] });
    expect(bare).not.toBe(createSegmenter("node-rs"));
    expect(bare.cut("坚持建设法治政府是我们的目标。").map((t) => t.word)).not.toContain("法治政府");
    expect(bare.cut("坚持和发展新时代的枫桥经验做法。").map((t) => t.word)).not.toContain("枫桥经验");
  });

  it("has 100+ well-formed `word freq tag` lines accepted by both libraries", () => {
    const lines = readFileSync(DEFAULT_USER_DICT, "utf8").split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(100);
    const words = new Set<string>();
    for (const line of lines) {
      // cppjieba splits on single spaces and has no comments.
      expect(line).toMatch(/^\S+ \d+ [a-z]+$/u);
      const word = line.split(" ")[0]!;
      expect(words.has(word), word).toBe(false);
      words.add(word);
    }
    for (const term of ["法治政府", "法治政府建设", "依法行政", "行政复议", "行政诉讼", "行政执法", "双随机、一公开", "三项制度", "放管服", "一网通办", "枫桥经验", "法律顾问", "公职律师", "合法性审查", "规范性文件", "重大行政决策", "行政规范性文件", "习近平法治思想", "全面依法治国", "七五普法", "八五普法", "谁执法谁普法", "营商环境", "证照分离", "多证合一", "府院联动", "诉源治理", "一规划两纲要"]) {
      expect(words.has(term), term).toBe(true);
    }
  });
});
