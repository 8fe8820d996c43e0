/**
 * @fileoverview Web-page chrome in scraped reports: language pickers, breadcrumbs, QR-code prompts,
 * print/font buttons, share bars, site links and the site footer. Detection works per line and is
 * data-driven: the pattern lists below are the only place to extend it.
 *
 * Two strengths:
 * - strong lines are chrome wherever they are (`扫一扫在手机打开当前页`, `版权所有…`, `鄂ICP备…`);
 * - weak lines (short, no prose punctuation, not metadata, not a signature) are chrome only inside a
 *   run bounded by strong chrome or the document edge on both sides, with strong chrome on at least
 *   one side (`穗好办`, `“穗好办”` between QR prompts and nav links); and an empty label (`附件:`) is
 *   chrome when only chrome follows it to the end of the page.
 * Metadata lines (`来源:… 发布时间:… 阅读次数:-`) are never chrome: segment reads them.
 */
import { isMetaLine } from "./meta.js";
import { hasProsePunctuation, isDateLine, isUnitLine } from "./lines.js";
import { parseNumbering } from "./numbering.js";

export interface ChromePattern {
  id: string;
  re: RegExp;
}

/** Lines that are chrome wherever they appear (tested on trimmed lines without 。). */
export const STRONG_CHROME_PATTERNS: readonly ChromePattern[] = [
  { id: "language", re: /^(?:选择语言|语言选择|Language)\s*[:：]?$/iu },
  { id: "breadcrumb", re: /^(?:您(?:当前)?的?(?:所在)?(?:的)?位置|当前(?:所在)?位置|所在位置|当前页面|你的位置|您现在的位置)\s*[:：]/u },
  { id: "breadcrumb-path", re: /^首页\s*(?:>|＞|»|›|\/)\s*\S/u },
  { id: "qr-code", re: /扫一扫在手机(?:上)?打开(?:当前页|本页|此页)|^扫(?:一扫|码)(?:分享|关注|阅读|打开)?$/u },
  { id: "site-map", re: /^(?:站点地图|网站地图)/u },
  { id: "copyright", re: /版权所有|Copyright|©|\(C\)\s*\d{4}/iu },
  { id: "icp", re: /ICP备|ICP证|公网安备|网站标识码|网站识别码/iu },
  { id: "clock", re: /^今天是\s*[:：]?|^\d{4}年\d{1,2}月\d{1,2}日\s*(?:星期|周)[一二三四五六日天]$/u },
  { id: "font-size", re: /^(?:字体|字号)(?:大小)?\s*[:：]|【\s*(?:打印|关闭|字体|大|中|小|收藏|返回顶部|关闭窗口)|^(?:打印本页|关闭窗口|打印页面|返回顶部|回到顶部)$/u },
  { id: "share", re: /^分享(?:到|至)/u },
  // Comment widgets: their heading, and an author line (a masked user name with a time stamp).
  { id: "comments", re: /^(?:网友评论|网友留言|发表评论|我要评论|评论区|全部评论|最新评论|热门评论|精彩评论|查看更多评论|暂无评论|(?:已有|共)?\d+\s*条评论)/u },
  { id: "comment-author", re: /^[^\s。，]{1,20}[*＊]{2,}[^\s。，]{0,10}\s*(?:\d{4}[-./年]\d{1,2}[-./月]\d{1,2}|\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}|\d+\s*(?:分钟|小时|天)前)/u },
  { id: "editor", re: /^(?:责任编辑|网站编辑|编辑|审核|校对|核稿|录入)\s*[:：]/u },
  {
    id: "footer",
    re: /^(?:主办单位|承办单位|协办单位|主办|承办|联系地址|地址|联系电话|电话|邮编|邮政编码|传真|网站技术支持|技术支持|网站运维|运维单位|联系我们|网站管理|E-?mail|邮箱)\s*[:：]|网站技术支持|网站运维|运维邮箱|政府各机构联系电话/iu,
  },
  // A short bulleted item (site link lists: `• 扫一扫`, `• 番禺政府网`).
  { id: "bullet", re: /^[•●▪◆■◇○►]\s*\S.{0,19}$/u },
  // Only table bars, dashes and dots: the remains of a layout table.
  { id: "symbols", re: /^[\s|｜\-–—_·•.,，。:：;；/\\*#=~<>]+$/u },
];

/** Words of site navigation; a line made only of these (and separators) is chrome. */
export const NAV_WORDS: readonly string[] = [
  "首页",
  "手机版",
  "电脑版",
  "智能问答",
  "微信",
  "微博",
  "政务微信",
  "政务微博",
  "机构专页",
  "站点地图",
  "网站地图",
  "小程序",
  "公众号",
  "视频号",
  "客户端",
  "头条号",
  "抖音",
  "添加",
  "关注",
  "扫一扫",
  "穗好办",
  "粤省事",
  "粤商通",
  "无障碍",
  "长者模式",
  "关怀版",
  "适老化",
  "登录",
  "注册",
  "English",
  "繁体",
  "繁體",
  "简体",
  "打印",
  "关闭",
  "返回",
  "返回顶部",
  "收藏",
  "分享",
  "设为首页",
  "加入收藏",
  "联系我们",
  "网站声明",
  "隐私声明",
  "网站纠错",
  "我要纠错",
  "搜索",
  "高级搜索",
  "上一篇",
  "下一篇",
  "相关链接",
  "相关阅读",
  "相关文章",
  "评论",
  "回复",
  "点赞",
  "大",
  "中",
  "小",
];

/** Labels with nothing after them; chrome when only chrome follows (or precedes) them. */
const EMPTY_LABEL_RE = /^(?:附件|相关附件|附件下载|相关链接|相关文件|相关新闻|责任编辑|编辑)\s*[:：]?$/u;

const COUNTER_RE = /^(?:阅读|浏览|访问|点击)(?:次数|量|数)\s*[:：]/u;
const NAV_RE = new RegExp(`^(?:${[...NAV_WORDS].sort((a, b) => b.length - a.length).join("|")})+$`, "iu");
const NAV_STRIP_RE = /[\s|｜·•/、,，“”"'「」【】\[\]()（）:：>＞-]+/gu;

/** Longest line the strong patterns are tried on (footers are long; prose is longer and has 。). */
const MAX_STRONG_LINE = 240;
/** Longest weak candidate. */
const MAX_WEAK_LINE = 16;

const enum Kind {
  Blank,
  Strong,
  Weak,
  Label,
  Other,
}

/** The id of the strong pattern a trimmed line matches, or null. */
export function strongChromeId(line: string): string | null {
  if (line.length === 0 || line.length > MAX_STRONG_LINE || line.includes("。")) return null;
  // A counter alone is chrome; a metadata line that also has a counter (来源:… 阅读次数:-) is not.
  if (COUNTER_RE.test(line)) return "counter";
  if (isMetaLine(line)) return null;
  for (const p of STRONG_CHROME_PATTERNS) if (p.re.test(line)) return p.id;
  const bare = line.replace(NAV_STRIP_RE, "");
  if (bare.length > 0 && bare.length <= 24 && NAV_RE.test(bare)) return "nav";
  return null;
}

function classify(line: string): Kind {
  if (line.length === 0) return Kind.Blank;
  if (strongChromeId(line) !== null) return Kind.Strong;
  if (EMPTY_LABEL_RE.test(line)) return Kind.Label;
  if (
    line.length <= MAX_WEAK_LINE &&
    !hasProsePunctuation(line) &&
    !isMetaLine(line) &&
    !isDateLine(line) &&
    !isUnitLine(line) &&
    parseNumbering(line) === null &&
    !/报告|情况|总结|计划|特此/u.test(line)
  ) {
    return Kind.Weak;
  }
  return Kind.Other;
}

/**
 * Which lines are chrome.
 * @param lines trimmed lines (blank lines as empty strings)
 * @returns one flag per line; blank lines are never chrome
 */
export function detectChromeLines(lines: readonly string[]): boolean[] {
  const n = lines.length;
  const kinds = lines.map(classify);
  const chrome = kinds.map((k) => k === Kind.Strong);
  // Indices of non-blank lines, so runs can skip blank lines.
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (kinds[i] !== Kind.Blank) idx.push(i);

  // Weak (and label) runs bounded by strong chrome or the document edge.
  let k = 0;
  while (k < idx.length) {
    const kind = kinds[idx[k]!]!;
    if (kind !== Kind.Weak && kind !== Kind.Label) {
      k++;
      continue;
    }
    let e = k;
    while (e + 1 < idx.length && (kinds[idx[e + 1]!] === Kind.Weak || kinds[idx[e + 1]!] === Kind.Label)) e++;
    const before = k === 0 ? "edge" : kinds[idx[k - 1]!] === Kind.Strong ? "strong" : "other";
    const after = e === idx.length - 1 ? "edge" : kinds[idx[e + 1]!] === Kind.Strong ? "strong" : "other";
    if (before !== "other" && after !== "other" && (before === "strong" || after === "strong")) {
      for (let j = k; j <= e; j++) chrome[idx[j]!] = true;
    }
    k = e + 1;
  }

  // An empty label followed only by chrome up to the end of the page (`附件:` above the footer).
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j]!;
    if (kinds[i] !== Kind.Label || chrome[i]) continue;
    let rest = j + 1 < idx.length;
    for (let t = j + 1; t < idx.length && rest; t++) if (!chrome[idx[t]!]) rest = false;
    if (rest) chrome[i] = true;
  }
  return chrome;
}
