/**
 * @fileoverview Registry of check types: YAML `type:` → check module. Keep sorted; one file per type.
 */
import type { CheckType } from "../model/finding.js";
import type { CheckDefinition } from "./define-check.js";
import duplicateText from "./duplicate-text.js";
import placeholder from "./placeholder.js";

const all: CheckDefinition[] = [duplicateText, placeholder];

export const checkRegistry: ReadonlyMap<CheckType, CheckDefinition> = new Map(all.map((c) => [c.type, c]));
