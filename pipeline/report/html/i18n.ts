/**
 * @fileoverview UI text of the HTML reports, Chinese by default, English with --lang en.
 */
import type { CheckType, Lang, Severity } from "../../model/finding.js";
import type { DocumentProfile } from "../../model/document.js";

export const CHECK_LABELS: Record<Lang, Record<CheckType, { name: string; tag: string }>> = {
  zh: {
    "duplicate-text": { name: "内容重复", tag: "重复" },
    "cross-document-copy": { name: "跨文档复制", tag: "复制" },
    "year-consistency": { name: "年份一致性", tag: "年份" },
    "outdated-term": { name: "过时表述", tag: "过时" },
    arithmetic: { name: "数字计算", tag: "计算" },
    boilerplate: { name: "套话空话", tag: "套话" },
    placeholder: { name: "未替换的占位符", tag: "占位" },
    numbering: { name: "序号编排", tag: "序号" },
    "required-section": { name: "必备内容缺失", tag: "缺项" },
    punctuation: { name: "标点符号", tag: "标点" },
    "entity-consistency": { name: "单位名称一致性", tag: "名称" },
    term: { name: "规范用语", tag: "用语" },
    "extraction-noise": { name: "提取杂质", tag: "杂质" },
    typo: { name: "错别字", tag: "错字" },
  },
  en: {
    "duplicate-text": { name: "Repeated text", tag: "DUP" },
    "cross-document-copy": { name: "Copied from another report", tag: "COPY" },
    "year-consistency": { name: "Year consistency", tag: "YEAR" },
    "outdated-term": { name: "Outdated wording", tag: "OLD" },
    arithmetic: { name: "Arithmetic", tag: "SUM" },
    boilerplate: { name: "Boilerplate", tag: "BP" },
    placeholder: { name: "Unfilled placeholder", tag: "TODO" },
    numbering: { name: "Numbering", tag: "NUM" },
    "required-section": { name: "Missing required content", tag: "MISS" },
    punctuation: { name: "Punctuation", tag: "PUNC" },
    "entity-consistency": { name: "Unit name consistency", tag: "NAME" },
    term: { name: "Standard terms", tag: "TERM" },
    "extraction-noise": { name: "Extraction noise", tag: "NOISE" },
    typo: { name: "Typo in a fixed word", tag: "TYPO" },
  },
};

export function checkLabel(lang: Lang, check: string): { name: string; tag: string } {
  return (CHECK_LABELS[lang] as Record<string, { name: string; tag: string }>)[check] ?? { name: check, tag: check.slice(0, 4).toUpperCase() };
}

export const SEVERITY_LABELS: Record<Lang, Record<Severity, string>> = {
  zh: { error: "错误", warning: "警告", info: "提示" },
  en: { error: "Error", warning: "Warning", info: "Info" },
};

const PROVINCES: Record<string, string> = {
  beijing: "北京", tianjin: "天津", hebei: "河北", shanxi: "山西", neimenggu: "内蒙古", "inner-mongolia": "内蒙古", liaoning: "辽宁",
  jilin: "吉林", heilongjiang: "黑龙江", shanghai: "上海", jiangsu: "江苏", zhejiang: "浙江", anhui: "安徽", fujian: "福建",
  jiangxi: "江西", shandong: "山东", henan: "河南", hubei: "湖北", hunan: "湖南", guangdong: "广东", guangxi: "广西", hainan: "海南",
  chongqing: "重庆", sichuan: "四川", guizhou: "贵州", yunnan: "云南", xizang: "西藏", tibet: "西藏", shaanxi: "陕西", gansu: "甘肃",
  qinghai: "青海", ningxia: "宁夏", xinjiang: "新疆", national: "全国",
};

const SOURCE_FORMS: Record<string, string> = {
  "web page": "网页", "pdf extraction": "PDF 提取", "plain text": "纯文本", "word document": "Word 文档", txt: "纯文本", pdf: "PDF", docx: "Word 文档", html: "网页",
};

export function sourceFormLabel(lang: Lang, form: string | undefined): string | undefined {
  if (!form || lang === "en") return form;
  return SOURCE_FORMS[form] ?? form;
}

export function provinceLabel(lang: Lang, p: string | null): string {
  if (!p) return "";
  if (lang === "en") return p.charAt(0).toUpperCase() + p.slice(1);
  return PROVINCES[p.toLowerCase()] ?? p;
}

const PROFILE_LABELS = {
  zh: {
    genre: {
      "law-gov-report": "法治政府建设年度报告",
      "gov-work-report": "政府工作报告",
      "info-disclosure-report": "政府信息公开年度报告",
      "statistical-communique": "统计公报",
      other: "其他",
      news: "新闻报道",
      interpretation: "解读",
      template: "范文/模板",
      unknown: "未识别",
    },
    source: {
      override: "用户指定", delivery: "会议日期", "date-line": "标题下日期", signature: "落款", written: "成文日期", title: "标题", "meta-title": "外部标题",
      opening: "开头", heading: "小标题", body: "正文", metadata: "元数据", published: "发布时间", index: "index.tsv",
    },
    level: { national: "国家级", province: "省级", city: "市级", county: "县级", township: "乡镇/街道", department: "部门" },
    issue: { truncated: "结尾不完整", omitted: "有内容略去（略）", excerpt: "节选", "no-body": "无正文", short: "篇幅过短" },
    complete: "完整",
    noOwnDate: "未见文件自身日期",
    posted: "发布",
    plan: "计划",
  },
  en: {
    genre: {
      "law-gov-report": "rule-of-law government annual report",
      "gov-work-report": "government work report",
      "info-disclosure-report": "information disclosure annual report",
      "statistical-communique": "statistical communiqué",
      other: "other",
      news: "news article",
      interpretation: "interpretation (解读)",
      template: "template",
      unknown: "not recognised",
    },
    source: {
      override: "set by user", delivery: "delivery date", "date-line": "date under the title", signature: "signature", written: "成文日期", title: "title", "meta-title": "external title",
      opening: "opening", heading: "heading", body: "body", metadata: "metadata", published: "posted", index: "index.tsv",
    },
    level: { national: "national", province: "province", city: "city", county: "county", township: "township", department: "department" },
    issue: { truncated: "truncated ending", omitted: "parts left out (略)", excerpt: "excerpt", "no-body": "no body", short: "very short" },
    complete: "complete",
    noOwnDate: "no date of its own",
    posted: "posted",
    plan: "plan",
  },
} as const;

/** The document profile as header facts (genre, date and source, period, unit level, completeness). */
export function profileFacts(lang: Lang, p: DocumentProfile): { genre: string; date: string; period: string; level: string; completeness: string } {
  const L = PROFILE_LABELS[lang];
  const src = (s: string | null) => (s ? ((L.source as Record<string, string>)[s] ?? s) : "");
  const genre = p.genre === "other" ? `${L.genre.other}（${L.genre[p.subKind ?? "unknown"]}）` : L.genre[p.genre];
  const posted = p.postedDate ? `；${L.posted} ${p.postedDate}` : "";
  const date = p.date ? `${p.date}（${src(p.dateSource)}）${posted}` : `${L.noOwnDate}${posted}`;
  const years = p.reviewPeriod ? (p.reviewPeriod[0] === p.reviewPeriod[1] ? `${p.reviewPeriod[0]}` : `${p.reviewPeriod[0]}–${p.reviewPeriod[1]}`) : "";
  const period = [years, p.planYear !== null ? `${L.plan} ${p.planYear}` : ""].filter(Boolean).join(" → ");
  const level = p.level ? L.level[p.level] : "";
  const completeness = p.complete ? L.complete : p.completeness.map((c) => `${L.issue[c.issue]}${c.text ? `「${c.text}」` : ""}`).join("；");
  return { genre, date, period, level, completeness };
}

export const UI = {
  zh: {
    reviewTitle: "审查意见",
    genre: "文种",
    docDate: "文件日期",
    period: "回顾期 → 计划",
    level: "层级",
    completeness: "完整性",
    unit: "单位",
    province: "省份",
    year: "报告年度",
    published: "发布日期",
    ruleset: "规则集",
    file: "文件",
    format: "来源格式",
    chars: "正文字数",
    copyRatio: "复制比",
    boilerplateRatio: "套话比",
    findings: "问题",
    total: "共",
    items: "处",
    filters: "筛选",
    severity: "严重程度",
    check: "检查类型",
    showChrome: "显示非正文内容（网页导航、页码等）",
    keys: "快捷键：n 下一处，p 上一处",
    shown: "显示",
    none: "未发现问题。",
    line: "行",
    col: "列",
    suggestion: "修改建议",
    evidence: "依据",
    related: "相关位置",
    relatedHere: "跳转到相关段落",
    firstOccurrence: "首次出现",
    source: "来源",
    thisDoc: "本文",
    otherDoc: "来源文档",
    compare: "并排对照",
    close: "关闭",
    openSource: "打开来源文档的审查页",
    shared: "相同文字",
    onlyHere: "仅本文有",
    onlyThere: "仅来源有",
    chrome: "网页杂项（不参与检查）",
    back: "返回批次总览",
    legend: "图例",
    dashboardTitle: "批次审查总览",
    documents: "份文档",
    search: "搜索单位、标题或文件名",
    allProvinces: "全部省份",
    allChecks: "全部检查类型",
    onlyErrors: "只看有错误的",
    page: "页",
    prev: "上一页",
    next: "下一页",
    review: "审查页",
    copyPairs: "跨文档相同内容（复制关系）",
    copier: "复制方",
    copiedFrom: "来源方",
    docA: "文档甲",
    docB: "文档乙",
    sharedChars: "相同字数",
    passages: "段落数",
    noCopy: "本批次没有跨文档复制数据。",
    byCheck: "各类问题数量（全批次）",
    heatmap: "复制关系热力图：行、列均为文档，格子颜色越深，两份文档相同的文字越多",
    errorsTitle: "无法处理的文件",
    code: "代码",
    message: "说明",
    generatedBy: "生成工具",
    errorsCol: "错误",
    warningsCol: "警告",
    infoCol: "提示",
    docCol: "单位 / 标题",
    noMatch: "没有符合条件的文档。",
  },
  en: {
    reviewTitle: "Review",
    genre: "Genre",
    docDate: "Document date",
    period: "Period reviewed → plan",
    level: "Level",
    completeness: "Completeness",
    unit: "Unit",
    province: "Province",
    year: "Report year",
    published: "Published",
    ruleset: "Rule set",
    file: "File",
    format: "Source form",
    chars: "Characters",
    copyRatio: "Copy ratio",
    boilerplateRatio: "Boilerplate ratio",
    findings: "Findings",
    total: "",
    items: "",
    filters: "Filters",
    severity: "Severity",
    check: "Check",
    showChrome: "Show non-report text (navigation, page numbers)",
    keys: "Keys: n next, p previous",
    shown: "Shown",
    none: "No findings.",
    line: "line",
    col: "col",
    suggestion: "Suggestion",
    evidence: "Evidence",
    related: "Related",
    relatedHere: "Go to the related passage",
    firstOccurrence: "First occurrence",
    source: "Source",
    thisDoc: "This report",
    otherDoc: "Source report",
    compare: "Side by side",
    close: "Close",
    openSource: "Open the source report's review",
    shared: "shared text",
    onlyHere: "only here",
    onlyThere: "only in the source",
    chrome: "page chrome (not checked)",
    back: "Back to the batch overview",
    legend: "Legend",
    dashboardTitle: "Batch review overview",
    documents: "documents",
    search: "Search unit, title or file",
    allProvinces: "All provinces",
    allChecks: "All checks",
    onlyErrors: "Only with errors",
    page: "page",
    prev: "Previous",
    next: "Next",
    review: "review",
    copyPairs: "Copying across reports (who copies whom)",
    copier: "Copier",
    copiedFrom: "Source",
    docA: "Document A",
    docB: "Document B",
    sharedChars: "Shared chars",
    passages: "Passages",
    noCopy: "No cross-document copy data in this batch.",
    byCheck: "Findings by check type (whole batch)",
    heatmap: "Copy heatmap: documents by documents; the darker the cell, the more text the two share",
    errorsTitle: "Files that could not be processed",
    code: "Code",
    message: "Message",
    generatedBy: "Generated by",
    errorsCol: "Errors",
    warningsCol: "Warnings",
    infoCol: "Info",
    docCol: "Unit / title",
    noMatch: "No document matches.",
  },
} as const;

export type UiText = (typeof UI)["zh"];
export function ui(lang: Lang): UiText {
  return UI[lang] as UiText;
}

/** Human labels of evidence keys the checks use; other keys are shown as written. */
export const EVIDENCE_LABELS: Record<Lang, Record<string, string>> = {
  zh: {
    expression: "算式", expected: "计算结果", stated: "报告所写", tolerance: "允许误差", difference: "差值",
    years: "出现的年份", reportYear: "报告年度", year: "年份", titleYear: "标题年份", expectedYear: "应为年份", foundYear: "所写年份",
    similarity: "相似度", length: "字数", chars: "字数", repeatedChars: "重复字数", sharedChars: "相同字数", occurrences: "出现次数",
    count: "次数", term: "用语", replacement: "建议用语", current: "现行名称", since: "起始时间", until: "截止时间", validUntil: "有效期至",
    placeholder: "占位符", pattern: "匹配", expectedValue: "应为", found: "所写", previous: "前一序号", expectedNumber: "应为序号",
    section: "章节", missing: "缺少", entity: "名称", variants: "不同写法", sourcePath: "来源文件", ratio: "比例", share: "占比",
    documents: "文档数", documentCount: "文档数", kind: "类型", type: "类型", tier: "层级", rule: "规则", context: "上下文",
    earlierLength: "前文字数", part: "部分", measures: "工作措施", shortcomings: "存在问题", "first-responsible": "第一责任人履职",
    plans: "下一步计划", date: "日期", periodEnd: "期间截止", evidence: "依据", impliedYear: "推断年份", text: "原文", cited: "引用",
    congress: "届次", plenums: "全会", latest: "最新", id: "编号", label: "名称", end: "截止", publicationDate: "发布日期",
    judgedAgainst: "判断依据", graceDays: "宽限天数", from: "从", to: "到", connector: "连接符", actual: "实际", structure: "结构",
    remainder: "余数", complete: "完整", operands: "运算项", role: "作用", titleReportYear: "标题所写年度", bodyYear: "正文年份",
    bodyScore: "正文得分", bodyTotal: "正文合计", char: "字符", digit: "数字", before: "前", after: "后", word: "词语", note: "说明", marker: "标记", source: "来源", sources: "来源", passages: "段落", unit: "单位", value: "数值",
  },
  en: {},
};

/** Display forms of enumerated evidence values (exact matches only; other text is shown as written). */
export const EVIDENCE_VALUES: Record<Lang, Record<string, string>> = {
  zh: {
    title: "标题", opening: "开头", heading: "小标题", plan: "计划部分", signature: "落款", published: "发布日期", meta: "元数据", body: "正文",
    total: "合计", part: "分项", remainder: "余数", early: "过早", late: "过晚", substitute: "替换", forbidden: "禁用", passage: "段落",
    other: "其他", sentence: "句子", clause: "分句", "anonymised-name": "匿名化名称", "stale-clause": "过时表述", publication: "发布日期", true: "是", false: "否",
  },
  en: {},
};
