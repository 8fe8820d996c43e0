/**
 * @fileoverview Segmenter over nodejieba (cppjieba, native addon built from source). nodejieba keeps
 * one dictionary per process and its index.js assigns undeclared globals, so it is loaded with
 * createRequire (CommonJS, sloppy mode) and never evaluated any other way. Loading takes about 1 s.
 *
 * NOTE: because the dictionary is process-global, an instance reloads it when another instance with
 * different user dictionaries has loaded since (instances are cached per dictionary set, so this
 * only happens when a caller alternates between sets).
 */
import { createRequire } from "node:module";
import type { Token } from "../model/document.js";
import { alignWords } from "./align.js";
import type { Segmenter, TaggedToken } from "./types.js";

interface NodeJiebaModule {
  load(options?: { dict?: string; hmmDict?: string; userDict?: string; idfDict?: string; stopWordDict?: string }): void;
  cut(sentence: string, hmm?: boolean): string[];
  tag(sentence: string): Array<{ word: string; tag: string }>;
  DEFAULT_USER_DICT: string;
}

let binding: NodeJiebaModule | null = null;
/** Dictionary set the process-global nodejieba currently has loaded. */
let loadedKey: string | null = null;

function nodejieba(): NodeJiebaModule {
  if (!binding) binding = createRequire(import.meta.url)("nodejieba") as NodeJiebaModule;
  return binding;
}

export class NodeJiebaSegmenter implements Segmenter {
  readonly name = "nodejieba" as const;
  private readonly userDict: string;

  constructor(userDictPaths: readonly string[]) {
    // cppjieba splits the user-dictionary setting at | or ;. Without user dictionaries keep its default.
    this.userDict = userDictPaths.length ? userDictPaths.join("|") : nodejieba().DEFAULT_USER_DICT;
    this.ensureLoaded();
  }

  private ensureLoaded(): NodeJiebaModule {
    const nj = nodejieba();
    if (loadedKey !== this.userDict) {
      nj.load({ userDict: this.userDict });
      loadedKey = this.userDict;
    }
    return nj;
  }

  cut(text: string): Token[] {
    if (text.length === 0) return [];
    // Second argument = HMM for unknown words, like node-rs cut(text, true).
    return alignWords(text, this.ensureLoaded().cut(text, true), (w) => w, (start, end, word) => ({ start, end, word }));
  }

  tag(text: string): TaggedToken[] {
    if (text.length === 0) return [];
    return alignWords(text, this.ensureLoaded().tag(text), (w) => w.word, (start, end, word, w) => ({ start, end, word, tag: w.tag }));
  }
}
