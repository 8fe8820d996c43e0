/**
 * @fileoverview Registry of check types: YAML `type:` → check module. Keep sorted; one file per type.
 */
import type { CheckType } from "../model/finding.js";
import type { CheckDefinition } from "./define-check.js";
import duplicateText from "./duplicate-text.js";
import entityConsistency from "./entity-consistency.js";
import extractionNoise from "./extraction-noise.js";
import numbering from "./numbering.js";
import placeholder from "./placeholder.js";
import punctuation from "./punctuation.js";
import requiredSection from "./required-section.js";
import term from "./term.js";

const all: CheckDefinition[] = [duplicateText, entityConsistency, extractionNoise, numbering, placeholder, punctuation, requiredSection, term];

export const checkRegistry: ReadonlyMap<CheckType, CheckDefinition> = new Map(all.map((c) => [c.type, c]));
