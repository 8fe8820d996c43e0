import { ruleTester } from "../helpers/rule-tester.js";

const XILIAN = "西联镇2021年法治政府建设年度报告\n";
const SIGN_XILIAN = "\n韶关市武江区西联镇人民政府\n2021年12月15日";

ruleTester.run("entity-consistency", {
  valid: [
    {
      name: "a neighbour's short name in a road, a village, a joint operation or beside a district agency's outpost",
      text: "广州市荔湾区人民政府石围塘街道办事处关于2024年度法治政府建设情况的报告\n成立东漖城中村改造征拆工作攻坚小组，东漖北路改造完成，联合东漖街劳监中队开展执法检查，东漖派出所配合开展专项整治，石围塘街司法所开展普法活动。\n广州市荔湾区人民政府石围塘街道办事处",
    },
    {
      name: "title, source and signature agree (区政府 / 区人民政府 variants)",
      text: "广州市番禺区人民政府关于2021年度法治政府建设情况的报告\n来源:广州市番禺区人民政府 发布时间:2021-12-13 16:07:17\n2021年,番禺区委、区政府坚持以习近平法治思想为指导。\n番禺区人民政府\n2021年12月13日",
    },
    { name: "东漖街 in the metadata is 东漖街道办事处", text: "广州市荔湾区人民政府东漖街道办事处关于2024年度法治政府建设情况的报告\n发布时间: 2025-01-15 来源: 东漖街 浏览次数:-\n我街认真开展街道综合行政执法工作，本街道依法行政。" },
    { name: "self-references that match a town", text: XILIAN + "我镇坚持以习近平新时代中国特色社会主义思想为指导，我镇认真履行了法治政府建设职责。" + SIGN_XILIAN },
    { name: "本市 in a district report names the enclosing city", text: "广州市番禺区人民政府关于2021年度法治政府建设情况的报告\n我区严格执行本市规定，全区推进依法行政。" },
    { name: "全市 / 全区 are not self-references; 资本市场 is not 本市", text: "广州市番禺区人民政府关于2021年度法治政府建设情况的报告\n在全市率先建立行政复议委员会，推动企业登陆资本市场。" },
    { name: "slogans in quotes and 我办 as a verb are not self-references (gwr2026 广西)", text: "2026年广西壮族自治区政府工作报告\n“企呼我办”等新机制推动企业反映问题解决率提高，“我市有约”活动持续开展。" },
    { name: "我区 in an autonomous region's report", text: "2026年宁夏回族自治区政府工作报告\n宁夏回族自治区人民政府\n我区经济社会发展取得新成效。" },
    { name: "higher-level bodies and the parent city are not foreign places", text: XILIAN + "落实省委、省政府、市委、市政府和区委、区政府的工作部署，学习《韶关市法治政府建设实施方案》，在武江区率先推行。" + SIGN_XILIAN },
    { name: "a neighbour named for cooperation", text: XILIAN + "我镇与龙归镇联合开展执法检查，并组织到江湾镇交流学习。" + SIGN_XILIAN },
    { name: "lower-level places in a district report", text: "广州市番禺区人民政府关于2021年度法治政府建设情况的报告\n石楼镇大岭村获得第八批全国民主法治示范村称号，石楼镇成功创建广州市法治示范镇。" },
    { name: "我省 in a city's report names its own province (lawtext 黄石 2018)", text: "2018年黄石市政府工作报告\n新群艺馆建成开放，阳新采茶戏《龙港秋夜》作为我省唯一曲目，参加全国基层院团戏曲会演。我市坚持依法行政。" },
    { name: "我市 / 我省 in a county's report name its city and province", text: "2021年沙洋县政府工作报告\n我省出台支持政策，我市积极争取国家试点，我县全面落实。" },
    { name: "我区 in a city's report in an autonomous region (province unknown to the region file)", text: "2015年包头市政府工作报告\n落实自治区党委部署，我区经济平稳增长，我市工业总产值增长8%。" },
    { name: "another city in a sentence that also names the unit's own city (lawtext 云浮 2018)", text: "2018年云浮市政府工作报告\n胡春华到云浮调研时强调，要尽快把云浮的产业发展起来，佛山市要落实“一区一龙头项目”要求，每年每区至少要引进1个超过10亿元的龙头项目到云浮。" },
    { name: "the unit known only from the profile: 我省 in a city's work report (lawtext 黄石 2019)", text: "——2019年1月23日在黄石市第十四届人民代表大会第四次会议上\n各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n阳新采茶戏《龙港秋夜》作为我省唯一曲目，参加全国基层院团戏曲会演。" },
    { name: "a district name shared with another city's district, the unit's parent unknown (lawtext 临沂 2018: 河东区)", text: "2018年临沂市政府工作报告\n河东区获批国家知识产权强县工程示范区，罗欣药业获得国家技术发明二等奖。" },
    { name: "a neighbour named before the own place later in the sentence (lawtext 云浮 2018 shape: 佛山市要…项目到云浮)", text: "2018年云浮市政府工作报告\n我市坚持依法行政。佛山市要落实帮扶项目要求，每年至少要引进1个龙头项目到云浮。" },
    { name: "a city the region file does not place, named beside a sibling for cooperation", text: "2020年吉林市政府工作报告\n我市坚持依法行政。推进与长春市同城化发展，长吉一体化取得新进展。" },
    { name: "恩施州 and 恩施土家族苗族自治州 are one place", text: "2014年恩施州政府工作报告\n恩施土家族苗族自治州人民政府\n我州坚持依法行政，恩施土家族苗族自治州成立30周年庆祝活动圆满举办。" },
    { name: "a sibling named as where something took place", text: "2019年韶关市政府工作报告\n全省现场会在清远市召开，我市作典型发言。" },
    { name: "组织街道 / 要求全镇 are not place names", text: XILIAN + "要求全镇干部职工全覆盖学习，组织街道综合行政执法，并经镇领导班子会议集体讨论决定。" + SIGN_XILIAN },
  ],
  invalid: [
    {
      name: "a neighbour street's short name before one of its bodies (东漖街劳监中队 in 石围塘街道's report)",
      text: "广州市荔湾区人民政府石围塘街道办事处关于2024年度法治政府建设情况的报告\n2024年，我街坚持依法行政。东漖街劳监中队被评为2024年度广州市劳动保障监察标兵中队，东漖司法所开展普法活动。\n广州市荔湾区人民政府石围塘街道办事处",
      findings: [
        { text: "东漖街", messageIncludes: "同级其他单位的简称“东漖街”（即“东漖街道”", evidence: { place: "东漖街道", shortName: "东漖街" }, suggestion: "核对是否应为“石围塘街道”" },
        { text: "东漖", evidence: { shortName: "东漖" } },
      ],
    },
    {
      name: "我区 in a town's report (done-when: 001 with one 我镇 renamed)",
      text: XILIAN + "我镇坚持依法行政。自2021年以来，我区共开展7次专题学习会议。" + SIGN_XILIAN,
      findings: [{ text: "我区", messageIncludes: "自称“我区”与本单位“西联镇”不符", severity: "warning" }],
    },
    {
      name: "a neighbouring town left in a copied report (done-when: 西联镇 → 龙归镇)",
      text: XILIAN + "二是完善行政决策制度，推进民主科学决策。我镇积极完善《龙归镇会议制度》，对班子会议的议事范围作出了明确规定。" + SIGN_XILIAN,
      findings: [{ text: "龙归镇", messageIncludes: "同级的其他单位“龙归镇”", related: ["西联镇"], suggestion: "核对是否应为“西联镇”" }],
    },
    {
      name: "a neighbouring district in a district report",
      text: "广州市番禺区人民政府关于2021年度法治政府建设情况的报告\n2021年，天河区委、区政府坚持以习近平法治思想为指导。",
      findings: [{ text: "天河区", evidence: { place: "天河区", ownPlace: "番禺区" } }],
    },
    {
      name: "the signature names another unit",
      text: XILIAN + "我镇坚持依法行政。\n韶关市武江区龙归镇人民政府\n2021年12月15日",
      findings: [{ text: "韶关市武江区龙归镇人民政府", messageIncludes: "落款", related: ["西联镇"] }],
    },
    {
      name: "the source line names another district",
      text: "广州市番禺区人民政府关于2021年度法治政府建设情况的报告\n来源:广州市海珠区人民政府 发布时间:2021-12-13\n我区坚持依法行政。",
      findings: [{ text: "广州市海珠区人民政府", messageIncludes: "来源信息" }],
    },
    { name: "我县 in a city's report (a county report copied up)", text: "2018年黄石市政府工作报告\n我市坚持依法行政，我县全年完成地区生产总值增长7%。", findings: [{ text: "我县", messageIncludes: "自称“我县”" }] },
    { name: "我区 in a city's report in a province (not an autonomous region)", text: "2018年黄石市政府工作报告\n我市坚持依法行政，我区全年完成地区生产总值增长7%。", findings: [{ text: "我区" }] },
    { name: "我市 in a province's report", text: "2019年湖北省政府工作报告\n我省坚持依法行政，我市全年完成地区生产总值增长7%。", findings: [{ text: "我市" }] },
    { name: "another city left in a copied city report (no own name in the sentence)", text: "2018年云浮市政府工作报告\n我市坚持依法行政。佛山市要落实“一区一龙头项目”要求，每年每区至少要引进1个超过10亿元的龙头项目。", findings: [{ text: "佛山市", messageIncludes: "同级的其他单位“佛山市”" }] },
    { name: "the unit known only from the profile (a work report's delivery line, no title block)", text: "——2019年1月23日在黄石市第十四届人民代表大会第四次会议上\n各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n阳新采茶戏作为我县唯一曲目，参加全国基层院团戏曲会演。", findings: [{ text: "我县", messageIncludes: "黄石市人民政府" }] },
    { name: "a neighbour left in a clause after the own place was named earlier in the sentence (recall miss, lawtext 茂名 2018 shape)", text: "2018年茂名市政府工作报告\n我们要把学习贯彻会议精神与推动茂名振兴发展紧密结合起来，坚决贯彻落实上级部署，进一步完善佛山市发展思路举措和政策措施。", findings: [{ text: "佛山市", messageIncludes: "同级的其他单位“佛山市”" }] },
    { name: "a city the region file does not place (吉林市): a sibling of its profile province left in", text: "2020年吉林市政府工作报告\n我市坚持依法行政。长春市被列为全国城市医联体试点城市。", findings: [{ text: "长春市", messageIncludes: "同级的其他单位“长春市”" }] },
    { name: "a short-form 自治州 unit (恩施州): a sibling city left in", text: "2014年恩施州政府工作报告\n我州坚持依法行政。支持驻十堰市部队建设，抓好国防动员工作。", findings: [{ text: "十堰市", messageIncludes: "同级的其他单位“十堰市”" }] },
    { name: "a sibling left as the leader of the work (在…市委的领导下)", text: "2019年韶关市政府工作报告\n在清远市委的坚强领导下，全市经济平稳增长。", findings: [{ text: "清远市" }] },
    { name: "我局 in a government's report", text: "洪山区2020年度法治政府建设工作报告\n2020年，我局以习近平法治思想为指导。", findings: [{ text: "我局" }] },
    { name: "English message", lang: "en", text: XILIAN + "我市坚持依法行政。" + SIGN_XILIAN, findings: [{ text: "我市", messageIncludes: "Self-reference “我市”" }] },
  ],
});
