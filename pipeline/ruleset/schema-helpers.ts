/**
 * @fileoverview Zod helpers for check option schemas. A check author writes
 * `pattern: regexString()` instead of `z.string()` so that a bad regular expression in a rule file is
 * reported by the loader as `E_REGEX` at the exact YAML node, with the JavaScript error text, instead of
 * surfacing later from `compile()` or at run time.
 */
import { z } from "zod";
import { userRegExp, regexErrorDetail, regexErrorMessage } from "../text/safe-regex.js";

/** `params.code` of the custom zod issue raised by `regexString()`; the loader maps it to `E_REGEX`. */
export const REGEX_ISSUE_CODE = "E_REGEX";

/**
 * A string that must be a valid JavaScript regular expression.
 * @param flags flags the check will compile it with (default `u`; validation uses the same flags,
 *   so `\p{Script=Han}` and other Unicode escapes are accepted and stray escapes are rejected)
 * @returns a zod string schema; the value stays a string (compile it in the check's `compile`)
 */
export function regexString(flags = "u") {
  return z.string().superRefine((source, ctx) => {
    try {
      userRegExp(source, flags);
    } catch (e) {
      ctx.addIssue({
        code: "custom",
        message: regexErrorMessage(e),
        params: { code: REGEX_ISSUE_CODE, detail: regexErrorDetail(e) },
      });
    }
  });
}
