import { ruleTester } from "../helpers/rule-tester.js";

const A = "建立行政决策档案，对重大行政决策的制定和实施情况进行全程记录。";
const B = "所有重大事项或工作举措全部按规定程序出台，杜绝违规决策相关事件。";

ruleTester.run("duplicate-text", {
  valid: [
    { name: "different sentences", text: `${A}\n${B}` },
    { name: "short formula repeated", text: "坚持依法行政。其他工作。坚持依法行政。" },
    { name: "below a raised minimum", text: `${A}${A}`, options: { minLength: 40 } },
    { name: "allow-listed sentence", text: `${A}\n${A}`, options: { allow: [A] } },
  ],
  invalid: [
    { name: "same sentence in two paragraphs", text: `${A}${B}\n其他工作。\n${A}`, findings: [{ text: A.slice(0, -1), related: [A.slice(0, -1)], evidence: { similarity: 1 }, line: 3, column: 1 }] },
    { name: "three times → two findings, both point to the first", text: `${A}\n${A}\n${A}`, findings: [{ related: [A.slice(0, -1)], line: 2 }, { related: [A.slice(0, -1)], line: 3 }] },
    { name: "ignores final punctuation and spacing", text: `${A}\n  ${A.replace("。", "；")}`, findings: [{ column: 3 }] },
  ],
});
