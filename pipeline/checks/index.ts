/**
 * @fileoverview Registry of check types: YAML `type:` → check module. Keep sorted; one file per type.
 */
import type { CheckType } from "../model/finding.js";
import type { CheckDefinition } from "./define-check.js";
import arithmetic from "./arithmetic.js";
import boilerplate from "./boilerplate.js";
import crossDocumentCopy from "./cross-document-copy.js";
import duplicateText from "./duplicate-text.js";
import entityConsistency from "./entity-consistency.js";
import extractionNoise from "./extraction-noise.js";
import numbering from "./numbering.js";
import outdatedTerm from "./outdated-term.js";
import placeholder from "./placeholder.js";
import punctuation from "./punctuation.js";
import requiredSection from "./required-section.js";
import term from "./term.js";
import typo from "./typo.js";
import yearConsistency from "./year-consistency.js";

const all: CheckDefinition[] = [arithmetic, boilerplate, crossDocumentCopy, duplicateText, entityConsistency, extractionNoise, numbering, outdatedTerm, placeholder, punctuation, requiredSection, term, typo, yearConsistency];

export const checkRegistry: ReadonlyMap<CheckType, CheckDefinition> = new Map(all.map((c) => [c.type, c]));
