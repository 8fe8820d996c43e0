/**
 * Recall on planted defects (bench/recall.md), the fast in-repo version of `npm run bench:recall`:
 * a few copies per defect class of in-repo real documents (corpus/ seeds and the test/fixtures/labelled/
 * copies; never ../shared/), one defect planted in each, run through the pipeline in-process. Every
 * planted defect must be covered by a finding of the expected check type at error or warning severity,
 * except the known misses listed below (each with what the check would need). A check that stops
 * finding a planted defect fails this test; a known miss that is found again fails it too, so the list
 * stays true.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { context, loadSources, recallSets, runPlanted, type Outcome } from "../bench/recall/core.js";
import { CLASSES, makeCtx, plantClass } from "../bench/recall/plant.js";

const PER_CLASS = 3;
const SEED = 1;

/**
 * `<source file> <note>` of planted defects the checks do not report today, with the reason (they apply
 * when the sample holds them: a change to the planting or to the in-repo documents can bring them in).
 */
const KNOWN_MISSES: Record<string, string> = {
  // docs/checks/arithmetic.md: in a 统计公报 every 其中 list above its total is silent (overlapping
  // dimensions are common there). Needs: tell a partition (categories of one attribute, 基础理论/应用技术/
  // 软科学 成果) from overlapping classifications before going silent.
  "001.md 28376项: parts 5827+24966+1556 = 32349 (was 1854)": "statistical communiqué: 其中 lists above their total are silent",
  // A share written after its count against the population named before it (在监测的340个城市中，有117个城市…，
  // 占监测城市数的比重为30.4%) is not computed. Needs: 占<noun>的(比重) with the count before it as numerator
  // and the 在…N<unit><noun>中 total naming the same noun as denominator.
  "001.md share 34.4% → 30.4% beside 117/340": "share against the population named in 在…中 not computed",
  // docs/tables.md: a top 总计 of a communiqué table often lists only the main industries (2004 表9: 42266 of
  // 43664), so parts below the total are silent unless another column proves the list whole. This table has
  // one additive column (投资额; the other is growth). Needs: knowing the list is the full industry classification.
  "010.md table 3, 总计 / 投资额（亿元）: total 502005 → 532005 (group 农、林、牧、渔业、采矿业、制造业、电力、热力、燃气及水生产和供应业、建筑业、批发和零售业、交通运输、仓储和邮政业、住宿和餐饮业、信息传输、软件和信息技术服务业、金融业、房地产业、租赁和商务服务业、科学研究和技术服务业、水利、环境和公共设施管理业、居民服务、修理和其他服务业、教育、卫生和社会工作、文化、体育和娱乐业、公共管理、社会保障和社会组织)":
    "table: a top 总计 short of its parts with nothing proving the list complete is silent",
};

const key = (o: Outcome) => `${o.planted.source.name} ${o.planted.note}`;
const show = (o: Outcome) =>
  `${o.planted.id} ${o.planted.source.set}/${key(o)} «${context(o.planted.text, o.planted.span[0], o.planted.span[1], 20).slice(0, 200)}» found: ${o.found ?? "no"}`;

describe("recall on planted defects (in-repo documents)", () => {
  let outcomes: Outcome[] = [];

  beforeAll(async () => {
    const docs = await loadSources(recallSets(true), 1);
    const ctx = makeCtx(docs, SEED);
    const planted = CLASSES.flatMap((c, i) => plantClass(c, docs, ctx, PER_CLASS, SEED * 1000 + i));
    outcomes = await runPlanted(planted, 1);
  }, 120_000);

  for (const c of CLASSES) {
    it(`${c.id}: ${c.title} → ${c.expect.join("/")}`, () => {
      const mine = outcomes.filter((o) => o.planted.cls === c.id);
      expect(mine.length, "planted copies").toBeGreaterThanOrEqual(2);
      const ok = (o: Outcome) => o.found === "error" || o.found === "warning";
      expect(mine.filter((o) => !ok(o) && !(key(o) in KNOWN_MISSES)).map(show), "planted defects not reported at error/warning").toEqual([]);
      expect(mine.filter((o) => ok(o) && key(o) in KNOWN_MISSES).map(show), "known misses now found: remove them from KNOWN_MISSES").toEqual([]);
    });
  }
});
