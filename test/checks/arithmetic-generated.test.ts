/**
 * Generated cases for the arithmetic sub-checks: every verified-correct statistic of the seeds (and of
 * gwr2026) is read as written (silent), then with one operand perturbed (found), so each mechanism
 * is tested for recall on real sentence shapes, not on one string.
 */
import { describe, expect, it } from "vitest";
import { findQuantities } from "../../pipeline/text/arith-numbers.js";
import { checkSums } from "../../pipeline/checks/arithmetic/sums.js";
import { checkRates } from "../../pipeline/checks/arithmetic/rates.js";
import { checkChanges, checkDeltaGrowth, checkYearOnYear } from "../../pipeline/checks/arithmetic/changes.js";
import { checkCounts } from "../../pipeline/checks/arithmetic/counts.js";
import { checkPopulationShares, checkShares } from "../../pipeline/checks/arithmetic/shares.js";
import type { ArithResult } from "../../pipeline/checks/arithmetic/types.js";

const tol = { rounding: true, truncation: true, percentPoints: 0 };

function all(text: string): ArithResult[] {
  const qs = findQuantities(text);
  return [...checkSums(text, qs, tol), ...checkRates(text, qs, tol), ...checkChanges(text, qs, tol), ...checkYearOnYear(text, qs, tol), ...checkDeltaGrowth(text, qs, tol), ...checkCounts(text, qs), ...checkShares(text, qs), ...checkPopulationShares(text, qs, tol)];
}

/** Replaces the n-th occurrence (0-based) of `find` in `text`. */
function replaceNth(text: string, find: string, by: string, n = 0): string {
  let i = -1;
  for (let k = 0; k <= n; k++) i = text.indexOf(find, i + 1);
  if (i < 0) throw new Error(`${find} not in ${text}`);
  return text.slice(0, i) + by + text.slice(i + find.length);
}

/** Correct statistics (silent as written) and a perturbation that must be found, with the kind expected. */
const CASES: { text: string; perturb: [string, string, number?]; kind: ArithResult["kind"] }[] = [
  { text: "调解组织401个,其中区级调解中心3个,镇街调解中心7个,村(社区)调委会341个,派出所调解室21个,驻法庭调解室4个,其他专业性调解组织25个。", perturb: ["341个", "351个"], kind: "sum" },
  { text: "形成清理目录 746 件(保留 350 件、修改 42 件、宣布失效 354件)。", perturb: ["354件", "364件"], kind: "sum" },
  { text: "形成清理目录 746 件(保留 350 件、修改 42 件、宣布失效 354件)。", perturb: ["354件", "344件"], kind: "remainder" },
  { text: "共审查各类法律事务 220 件(其中重大决策 17 件,重大政府合同 35 件,其他法律意见建议 168 件)。", perturb: ["168 件", "178 件"], kind: "sum" },
  { text: "全年共收到行政复议申请68件,受理58件,不予受理10件,审结54件(含上年结转10件)。", perturb: ["58件", "51件"], kind: "remainder" },
  { text: "全区新收一审案件363件,应当出庭应诉案件117件,全区行政机关负责人实际出庭204件,出庭应诉率56.2%,超额完成任务。", perturb: ["56.2%", "66.2%"], kind: "loose" },
  { text: "调处各类矛盾纠纷共 4370 件,调解成功 4326 件,调处成功率为 98.99%。", perturb: ["4326 件", "4026 件"], kind: "rate" },
  { text: "审批审查由282个工作日大幅减少到99个工作日,压缩 65%。", perturb: ["65%", "75%"], kind: "change" },
  { text: "办理环节从7个环节压减为2个,减少5个。", perturb: ["减少5个", "减少4个"], kind: "change" },
  { text: "网上可办率由42.28%提升至99.95%,提高57.67个百分点。", perturb: ["57.67", "59.67"], kind: "change" },
  { text: "下设精简行政审批组、优化营商环境组、激励创业创新组、深化商事制度改革组、改善社会服务组 5个专题组和综合组、法治组、督查组、专家组 4 个保障组。", perturb: ["4 个保障组", "5 个保障组"], kind: "count" },
  { text: "分六类规划,从矛盾邻里纠纷调处、环境卫生、消防安全、计划生育(流动人口管理)、便民服务和治安联防6项。", perturb: ["6项", "8项"], kind: "count" },
  { text: "全年共收到行政复议申请6200件,其中受理4955件(79.9%),不予受理、告知或转送1245件(20.1%)。", perturb: ["79.9%", "70.9%"], kind: "shares" },
  { text: "新受理案件151件,其中县政府部门140件,占92.71%,乡镇11件,占7.28%。", perturb: ["92.71%", "93.71%"], kind: "shares" },
  { text: "全年新受理行政复议案件151件,同比增长128.78%(2023年66件)。", perturb: ["128.78%", "118.78%"], kind: "loose" },
  { text: "全年办理案件85件,较上年的66件增长28.79%。", perturb: ["28.79%", "38.79%"], kind: "loose" },
  { text: "第一产业、第二产业、第三产业增加值分别占18.6%、47.3%和34.1%。", perturb: ["34.1%", "44.1%"], kind: "shares" },
  // A count's share of the population named in 在…中 and again after 占 (lawtext 005); lists complete by their own words.
  { text: "在监测的557个城市中，有389个城市空气质量达到二级以上（含二级）标准，占监测城市数的69.8%；有152个城市为三级，占27.3%。", perturb: ["69.8%", "62.8%"], kind: "rate" },
  { text: "年末全省就业人员7000万人，其中城镇就业人员4000万人，乡村就业人员3000万人。", perturb: ["3000万人", "3400万人"], kind: "sum" },
  { text: "全年地区生产总值5000亿元，其中第一产业增加值500亿元，第二产业增加值2000亿元，第三产业增加值2500亿元。", perturb: ["2500亿元", "2600亿元"], kind: "sum" },
  { text: "全年共新发现矿产地57处，分别为能源矿产地12处、金属矿产地20处、非金属矿产地25处。", perturb: ["25处", "30处"], kind: "sum" },
  // issue 10 class 4 (lawtext): the scope of a parts list, rounded parts, a rate's own operands.
  { text: "支付各类赔款及给付3125亿元（寿险业务给付1269亿元、健康险和意外伤害险赔款及给付281亿元、财产险业务赔款1576亿元）。", perturb: ["1576亿元", "1676亿元"], kind: "sum" },
  { text: "全年实施重点项目510个，其中新开工312个、续建198个，竣工256个。", perturb: ["198个", "208个"], kind: "loose" },
  { text: "全年办理行政复议案件10宗，其中维持6宗、撤销3宗、调解结案1宗；办理行政诉讼案件5宗，主要负责人出庭应诉3宗。", perturb: ["1宗", "2宗"], kind: "loose" },
  { text: "固定电话用户达到17900万户，其中城市电话用户11100万户，乡村电话用户6800万户；移动电话用户达到14480万户。", perturb: ["6800万户", "7800万户"], kind: "loose" },
  { text: "其中税收收入157992亿元，比上年增加1589亿元，增长1.0%。", perturb: ["1.0%", "2.0%"], kind: "loose" },
  { text: "全年各项税收收入25718亿元（不包括关税和农业税），比上年增加5256亿元，增长25.7%。", perturb: ["25.7%", "27.5%"], kind: "loose" },
  { text: "年末境内上市公司数量由上年末的1381家增加到1434家，比上年末增长3.8%。", perturb: ["3.8%", "4.8%"], kind: "loose" },
  { text: "全年高校毕业生1.2万人，实现就业1.08万人，高校毕业生就业率达到90%。", perturb: ["90%", "95%"], kind: "rate" },
  { text: "打造特色突出的南丹、罗城、宜州、都安、东兰等5个区域酒业中心和产业集群。", perturb: ["5个", "4个"], kind: "count" },
  { text: "支付各类赔款及给付1130亿元，其中寿险业务给付307亿元；健康险和意外伤害险赔款及给付151亿元；财产险业务赔款672亿元。", perturb: ["672亿元", "739亿元"], kind: "loose" },
  { text: "国土资源调查及地质勘查新发现大中型矿产地205处，其中，能源矿产地24处，金属矿产地66处，非金属矿产地113处，水气矿产地2处。", perturb: ["24处", "26处"], kind: "loose" },
  { text: "年末全国就业人员77471万人，其中城镇就业人员44247万人，占全国就业人员比重为57.1%，比上年末上升1.1个百分点。", perturb: ["57.1%", "60.1%"], kind: "rate" },
  { text: "年末全国大陆总人口为135404万人，比上年末增加669万人，其中城镇人口为71182万人，占总人口比重为52.6%。", perturb: ["52.6%", "55.6%"], kind: "rate" },
  { text: "坚持教育强市目标不动摇，69项测评指标已达标65项，达标率94.2%，建设合格学校117所。", perturb: ["94.2%", "97.2%"], kind: "rate" },
  // 其他 inside a noun (法人或其他组织) is a category, not the rest: above the total it is `loose`, not `sum`.
  { text: "全年共受理政府信息公开申请1200件，其中自然人申请1000件，法人或其他组织申请200件；办结1150件，结转下年度50件。", perturb: ["申请200件", "申请300件"], kind: "loose" },
  // A 其他 part after the complementary pair closes the total.
  { text: "共收到行政复议申请150件，受理130件，不予受理15件，其他5件。", perturb: ["其他5件", "其他3件"], kind: "remainder" },
  { text: "行政复议案件42件，较上年减少8件，下降16%。", perturb: ["16%", "26%"], kind: "loose" },
  // A single 其中 part with its share; 规模以上 inside the total's noun is not an approximate qualifier.
  { text: "全市规模以上工业企业达到500家，其中高新技术企业120家，占比24%。", perturb: ["24%", "34%"], kind: "shares" },
  // Shares of rounded counts: 2.5万/5.8万 = 43.1%, written 43.4% from the unrounded counts.
  { text: "授予发明专利权5.8万件，其中国内授权2.5万件，占43.4%。", perturb: ["43.4%", "45.4%"], kind: "shares" },
  { text: "受理国内外发明专利申请29.0万件，其中国内申请19.5万件，占67.1%。", perturb: ["67.1%", "69.1%"], kind: "shares" },
  // A complementary pair above its total is a slip (unless a part carries last year's items).
  { text: "全年共收到行政复议申请68件，受理58件，不予受理10件。", perturb: ["58件", "60件"], kind: "loose" },
  // `诊所及其他` closes the list (其他 ends the label); rounded 万 parts of a rounded total.
  { text: "年末全国共有卫生机构28.9万个，其中医院、卫生院6.0万个，社区卫生服务中心（站）2.6万个，妇幼保健院（所、站）3013个，专科疾病防治院（所、站）1315个，疾病预防控制中心（防疫站）3543个，卫生监督所（中心）2706个，诊所及其他19.3万个。", perturb: ["28.9万个", "31.8万个"], kind: "sum" },
];

describe("issue 10 class 4: numbers that do not belong together stay silent (lawtext)", () => {
  const silent = [
    // A rate whose label matches neither count: unemployment is not 再就业, 高校毕业生 are not 农村劳动力.
    "城镇新增就业1.9万人，城镇失业人员再就业4425人，城镇登记失业率3.2%。",
    "城镇新增就业4万人，农村劳动力转移就业3.8万人，高校毕业生就业率达到85%以上，城镇登记失业率控制在4.5%以内。",
    "完成农贸市场食用农产品快速检测50万批次，食品抽检2.4万批次，不合格食品处置率达100％。",
    "建设海绵城市项目7个，建成污水处理设施5个，确保城镇污水处理率达97%、中心城区居民小区生活垃圾分类设施覆盖率达95%以上。",
    // A growth rate of another figure (市价总值), after ；, or against a change amount (比上年增加).
    "年末境内上市公司（A、B股）数量由上年末的1381家增加到1434家，市价总值89404亿元，比上年末增长175.7%。",
    "全年发现赤潮96次，比上年减少23次；累计赤潮面积约26630平方公里，比上年上升83.0%。",
    // GDP growth is real (comparable prices), not the nominal ratio of the two values.
    "地区生产总值由2017年的3150.2亿元增加至4715.7亿元，增长13.3%，人均GDP超过20万元。",
    // Overlapping dimensions (因私 / 赴港澳台; 党纪 / 政纪) and a total nested in a larger one.
    "国内居民出境10096万人次，其中因私出境9684万人次，赴港澳台出境7704万人次。",
    "立案审查政府系统公职人员123人，其中党纪处分100人、政纪处分64人、组织处理22人，约谈问责72人。",
    "年初承诺的37件民生实事有31件完成，其中超额完成8件，取消1件，其余5件正在有效推进。",
    "全年共收到行政复议申请68件，受理60件（含上年结转5件），不予受理10件。",
    // Threshold categories cut across each other; a bracket holding the first parts, the rest after it.
    "新增执法人员200名（其中女性90名、35岁以下120名）。",
    "全市共有行政执法人员3000人（市级800人、县级1500人），乡镇700人。",
    // Rounded parts of a rounded total: 1269+281+1576 = 3126 written 3125.
    "支付各类赔款及给付3125亿元，其中寿险业务给付1269亿元；健康险和意外伤害险赔款及给付281亿元；财产险业务赔款1576亿元。",
  ];
  for (const t of silent) it(t.slice(0, 30), () => expect(all(t).map((r) => `${r.kind}: ${String(r.data.expression)}`)).toEqual([]));
});

describe("arithmetic sub-checks: verified statistics stay silent, perturbed ones are found", () => {
  for (const c of CASES) {
    it(`silent: ${c.text.slice(0, 30)}`, () => {
      expect(all(c.text).map((r) => r.messageId)).toEqual([]);
    });
    const broken = replaceNth(c.text, c.perturb[0], c.perturb[1], c.perturb[2] ?? 0);
    it(`found (${c.kind}): ${broken.slice(0, 30)}`, () => {
      const r = all(broken);
      expect(r.map((x) => x.kind)).toContain(c.kind);
      const f = r.find((x) => x.kind === c.kind)!;
      expect(f.evidence).toHaveProperty("expression");
      expect(f.evidence).toHaveProperty("expected");
      expect(f.evidence).toHaveProperty("stated");
      expect(f.operands.length).toBeGreaterThan(0);
    });
  }
});

describe("domain-kb §4.3 examples", () => {
  const kinds = (t: string) => all(t).map((r) => r.kind);
  it("上海 2014: 审结率 83.4% over 受理 + 结转 is a definition, not an error (loose at most)", () => {
    expect(kinds("全年受理行政复议申请4955件,审结4696件,审结率83.4%。")).toEqual(["loose"]);
  });
  it("上海 2014: 6200 = 4955 (79.9%) + 1245 (20.1%)", () => {
    expect(kinds("全年共收到行政复议申请6200件,其中受理4955件(79.9%),不予受理、告知或转送1245件(20.1%)。")).toEqual([]);
  });
  it("防城 2024: 140 (92.71%) + 11 (7.28%) = 151, truncated shares", () => {
    expect(kinds("新受理行政复议案件151件,其中县政府部门140件,占92.71%,乡镇11件,占7.28%。")).toEqual([]);
  });
  it("防城 2024: 纠错率约19.2% is approximate and never checked", () => {
    expect(kinds("审结135件,纠错29件,纠错率约19.2%。")).toEqual([]);
  });
  it("七里河: outcomes 5+6+2+2+2+1 = 18 above 15 受理 in a bracketed list", () => {
    expect(kinds("受理行政复议案件15件(维持5件、撤销变更6件、驳回2件、终止2件、确认违法2件、责令履行1件)。")).toEqual(["sum"]);
  });
});

describe("quantities: names, ordinals, dates and document numbers are never operands", () => {
  const never = [
    "积极构建“3+3+5”服务格局,推行“1+N”模式,形成5+3工作机制。",
    "整合12345热线和12348热线,开通96110专线。",
    "第14次会议审议通过第八批名单,前10名单位获表彰。",
    "依据穗府〔2024〕3号文件和粤府办〔2021〕12号文件。",
    "2021年12月15日召开会议,2022年3月印发方案。",
    "联系电话020-84625678,粤ICP备12345678号。",
    "《法治政府建设实施纲要(2021—2025年)》和《关于做好2件事的通知》。",
  ];
  for (const t of never) {
    it(t.slice(0, 24), () => {
      expect(findQuantities(t).filter((q) => !q.excluded && !q.approximate).map((q) => q.text)).toEqual([]);
      expect(all(t)).toEqual([]);
    });
  }
});

describe("precision: look-alikes that must stay silent", () => {
  const silent = [
    // 其中 lists that cover only part of the total are normal.
    "机关录入行政处罚案件12558件,其中行政单位主动向公安机关移送涉嫌犯罪案件9件,检察机关建议移送涉嫌犯罪案件22件,公安机关共计受理移送案件31件。",
    // One part in brackets: a carry-over, not a breakdown.
    "收到行政赔偿申请14件,已办结15件(含上年结转1件)。",
    // Different units (份 vs 件) are not added.
    "对市政府印发的 480 份政策文件进行审查评估,保留文件 456 件、修订 5 件、宣布失效 19 件。",
    // Stages of a procedure are not parts: 受理 and 办结 overlap.
    "全年共收到申请68件,受理51件,办结50件。",
    // Rates of different bases in one sentence.
    "行政机关负责人出庭应诉率为96.06%,其中,正职负责人出庭应诉率为29.13%。",
    // Annual average growth is not (b−a)/a.
    "全体居民人均可支配收入由2.57万元增加到3.52万元、年均增长6.5%。",
    // A change in another clause with its own subject.
    "常住人口城镇化率由52.23%提高到58.08%,城市、县城建成区面积分别提高8.3%、5%。",
    // Shares of different wholes.
    "专项产业基金、新增能耗、新增工业用地支持民间投资项目比重分别为99.3%、93.8%、84.6%。",
    // A count inside a name, a count after a verb.
    "办好国际乒联混合团体世界杯、铁人三项世界杯等重大赛事。",
    "经济发展方面,围绕增速、结构、效率提出5项指标。",
    // 等 with fewer names than the count.
    "市场监管、文化市场、交通运输等 9 个领域。",
    // Approximate values.
    "共收到申请100余件,受理60件,不予受理30件。",
  ];
  for (const t of silent) {
    it(t.slice(0, 30), () => {
      expect(all(t).map((r) => `${r.messageId} ${JSON.stringify(r.data)}`)).toEqual([]);
    });
  }
});
