/**
 * @fileoverview Regular expressions that come from rule files (user input) must not hang a run.
 * JavaScript's backtracking engine takes exponential time on patterns like `(a+)+$` and quadratic time
 * on `.*x` over a long line, and V8's linear fallback (--enable-experimental-regexp-engine-on-excessive-backtracks)
 * does not cover the `u` flag every check uses. So a user pattern is compiled by `userRegExp()`:
 *
 * 1. A pattern that can match in at most MAX_NATIVE_PATHS ways from one position (`backtrackBound`:
 *    bounded repetition, `[^。]{0,20}` is 21 ways) runs on the native engine: every match attempt is
 *    bounded by a small constant, so a scan is linear. Lookaround and backreferences are allowed here (the
 *    knowledge-base patterns use `(?<![原前])…(?!…)`).
 * 2. Any other pattern runs on re2js, a pure-JavaScript port of RE2 (linear time in the input, no native
 *    build): a `LinearRegExp`, a RegExp subclass whose `exec` delegates to RE2, so `test`, `matchAll`,
 *    `replace`, `match` and `lastIndex` loops in the checks work unchanged (they all go through `exec`).
 *    Bounded repetition counts too: `a{0,100}a{0,100}a{0,100}x` is 10⁶ ways per position natively.
 * 3. A pattern RE2 cannot run (lookaround, backreferences, nested counts over 1000) is refused (E_REGEX
 *    or E_COMPILE at the pattern, with the reason) when it has a backreference (`(a*)\1x` took > 60 s on
 *    20,000 characters), nested unbounded repetition (`(?<!x)(a+)+`) or only bounded repetition over the
 *    limit; with unbounded repetition that is not nested (`(?<![A-Z])X(?:[ ]?X)+`) it runs natively,
 *    polynomial at worst (quadratic on one long line of a repeated character).
 *
 * Syntax is translated where JS and RE2 differ: `\p{Script=Han}` → `\p{Han}`, `\uXXXX`/`\u{X}` → `\x{X}`,
 * `(?<name>` → `(?P<name>`, and `\s` is widened to JavaScript's Unicode white space (U+3000 included).
 * Known remaining differences: `.` also matches \r, U+2028/2029 under RE2; `\S` inside a class is refused.
 */
import { RE2JS } from "re2js";

const MAX_SAFE_BOUND = 100;
const JS_SPACE = "\\t\\n\\x{0b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}";

/** Thrown for a pattern that is valid JavaScript but not allowed (could run super-linearly). */
export class UnsafeRegexError extends Error {}

/** True when the pattern has unbounded (or long bounded) repetition anywhere. */
export function hasUnboundedRepetition(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "*" || c === "+") {
      // `(?` … is a group opener, not a quantifier; `*`/`+` after an atom are.
      return true;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (m && m[2] !== undefined && (m[3] === "" || Number(m[3]) > MAX_SAFE_BOUND)) return true;
    }
  }
  return false;
}

/**
 * True when an unboundedly repeated group contains repetition with more than one choice (a quantifier
 * other than `?`, or an alternation): the shape of `(a+)+`, `(a|aa)*`, `(\w*,)+` that backtracks
 * exponentially. `(?:[ ]?X)+` is not (each iteration consumes an X).
 */
export function hasNestedRepetition(source: string): boolean {
  const stack: { inner: boolean }[] = [{ inner: false }];
  let inClass = false;
  const quantAt = (i: number): { len: number; unbounded: boolean; many: boolean } | null => {
    const c = source[i];
    if (c === "*" || c === "+") return { len: 1, unbounded: true, many: true };
    if (c === "?") return { len: 1, unbounded: false, many: false };
    if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!m) return null;
      const unbounded = m[2] !== undefined && (m[3] === "" || Number(m[3]) > MAX_SAFE_BOUND);
      const max = m[2] === undefined ? Number(m[1]) : m[3] === "" ? Infinity : Number(m[3]);
      return { len: m[0].length, unbounded, many: max > 1 };
    }
    return null;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "(") stack.push({ inner: false });
    else if (c === "|") stack[stack.length - 1]!.inner = true;
    else if (c === ")") {
      const g = stack.pop() ?? { inner: false };
      const q = quantAt(i + 1);
      if (q?.unbounded && g.inner) return true;
      if (g.inner || q?.many) stack[stack.length - 1]!.inner = true;
    } else {
      const q = quantAt(i);
      if (q?.many) stack[stack.length - 1]!.inner = true;
      if (q) i += q.len - 1;
    }
  }
  return false;
}

/**
 * Upper bound on the ways the backtracking engine can match the pattern from one start position (the
 * paths it may try): a sequence multiplies, an alternation adds, `x{m,n}` sums cost(x)^k for k = m…n,
 * a lookaround multiplies by its inner cost (it runs at every path that reaches it). Infinity for
 * unbounded repetition. `a{0,100}a{0,100}a{0,100}x` is 101³ ≈ 10⁶ per position (did not finish in
 * 20 s on 2,000 characters natively), `(a{0,100}){0,100}$` is astronomically large, `[^。]{0,20}` is 21.
 * The source must be valid JavaScript (the caller compiled it first).
 */
export function backtrackBound(source: string): number {
  const CAP = 1e15;
  let i = 0;
  const mul = (a: number, b: number) => Math.min(CAP, a * b);
  const alt = (): number => {
    let total = seq();
    while (source[i] === "|") {
      i++;
      total = Math.min(CAP, total + seq());
    }
    return total;
  };
  const seq = (): number => {
    let total = 1;
    while (i < source.length && source[i] !== "|" && source[i] !== ")") total = mul(total, quantified(atom()));
    return total;
  };
  const atom = (): number => {
    const c = source[i]!;
    if (c === "\\") {
      const m = /^\\(?:[pPk]\{[^}]*\}|k<[^>]*>|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[\s\S])/.exec(source.slice(i));
      i += m ? m[0].length : 2;
      return 1;
    }
    if (c === "[") {
      i++;
      if (source[i] === "^") i++;
      if (source[i] === "]") i++; // `[]` / `[^]`
      while (i < source.length && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
      i++;
      return 1;
    }
    if (c === "(") {
      const head = /^\((?:\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>))?/.exec(source.slice(i))!;
      i += head[0].length;
      const inner = alt();
      i++; // ")"
      return inner;
    }
    i++;
    return 1;
  };
  const quantified = (cost: number): number => {
    const c = source[i];
    let min: number;
    let max: number;
    if (c === "*" || c === "+") {
      i++;
      min = c === "+" ? 1 : 0;
      max = Infinity;
    } else if (c === "?") {
      i++;
      min = 0;
      max = 1;
    } else if (c === "{" && /^\{\d+(,\d*)?\}/.test(source.slice(i))) {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i))!;
      i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
    } else return cost;
    if (source[i] === "?") i++; // lazy: same paths, other order
    if (max === Infinity) return Infinity;
    if (cost <= 1) return Math.min(CAP, max - min + 1);
    let total = 0;
    let power = Math.min(CAP, cost ** min);
    for (let k = min; k <= max && total < CAP; k++, power = mul(power, cost)) total = Math.min(CAP, total + power);
    return total;
  };
  return alt();
}

/** True when the pattern has a backreference (`\1`…`\9`, `\k<name>`) outside a character class. */
export function hasBackreference(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") {
      if (!inClass && /[1-9k]/.test(source[i + 1] ?? "")) return true;
      i++;
    } else if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") inClass = true;
  }
  return false;
}

/** JS regex source → RE2 syntax, or null when a construct has no RE2 equivalent. */
export function toRe2Syntax(source: string): string | null {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") {
      const n = source[i + 1] ?? "";
      if (n === "p" || n === "P") {
        const m = /^\\[pP]\{(?:(?:Script|sc)=)?([A-Za-z_]+)\}/.exec(source.slice(i));
        if (!m) return null;
        out += `\\${n}{${m[1]}}`;
        i += m[0].length - 1;
        continue;
      }
      if (n === "u") {
        const m = /^\\u(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{4}))/.exec(source.slice(i));
        if (!m) return null;
        out += `\\x{${m[1] ?? m[2]}}`;
        i += m[0].length - 1;
        continue;
      }
      if (n === "s") {
        out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
        i++;
        continue;
      }
      if (n === "S") {
        if (inClass) return null;
        out += `[^${JS_SPACE}]`;
        i++;
        continue;
      }
      if (/[1-9k]/.test(n)) return null; // backreferences
      out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (c === "[") {
      inClass = true;
      if (source.startsWith("[^]", i)) return null;
      out += c;
      continue;
    }
    if (c === "(" && source.startsWith("(?<", i) && !source.startsWith("(?<=", i) && !source.startsWith("(?<!", i)) {
      out += "(?P<";
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

function re2Flags(flags: string): number {
  let f = 0;
  if (flags.includes("i")) f |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes("m")) f |= RE2JS.MULTILINE;
  if (flags.includes("s")) f |= RE2JS.DOTALL;
  return f;
}

function compileRe2(source: string, flags: string): RE2JS | null {
  const re2Source = toRe2Syntax(source);
  if (re2Source === null) return null;
  try {
    return RE2JS.compile(re2Source, re2Flags(flags));
  } catch {
    return null;
  }
}

/** A RegExp whose matching runs on RE2 (linear time). Every RegExp method that matches goes through `exec`. */
export class LinearRegExp extends RegExp {
  private program: RE2JS | null;
  private readonly names: string[];
  private lastInput: string | null = null;
  private lastMatcher: ReturnType<RE2JS["matcher"]> | null = null;

  /**
   * @param re2 the compiled RE2 program; omitted when RegExp methods clone this object through the
   *   species constructor (`matchAll`, `split` call `new C(regexp, flags)`), which reuses the clone's
   *   source's program so the copy stays linear-time too. `null`: compile on first use — only for a
   *   pattern known to compile (the precompiled rule sets revive theirs this way, ruleset/snapshot.ts,
   *   so a run pays only for the patterns it uses).
   */
  constructor(pattern: string | RegExp, flags?: string, re2?: RE2JS | null) {
    const source = typeof pattern === "string" ? pattern : pattern.source;
    const fl = flags ?? (typeof pattern === "string" ? "" : pattern.flags);
    super(source, fl);
    const program = re2 === null ? null : (re2 ?? (pattern instanceof LinearRegExp && pattern.flagsKey === re2Flags(fl) ? pattern.re2 : compileRe2(source, fl)));
    if (program === undefined || (re2 !== null && !program)) throw new UnsafeRegexError(`pattern cannot run on the linear-time engine: ${source}`);
    this.program = program;
    this.names = [...source.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((m) => m[1]!);
  }

  protected get re2(): RE2JS {
    if (!this.program) {
      this.program = compileRe2(this.source, this.flags);
      if (!this.program) throw new UnsafeRegexError(`pattern cannot run on the linear-time engine: ${this.source}`);
    }
    return this.program;
  }

  private get flagsKey(): number {
    return re2Flags(this.flags);
  }

  /**
   * Leftmost match starting at or after `from`. The last search is cached: a leftmost search from f
   * that found a match at p (or none) also answers every later query from q in [f, p], which keeps
   * sticky loops (String.prototype.split tries every position) linear instead of quadratic.
   */
  private search(str: string, from: number): RegExpExecArray | null {
    const c = this.cache;
    if (c && c.str === str && c.from <= from && (c.hit === null || c.hit.index >= from)) return c.hit;
    if (this.lastInput !== str || !this.lastMatcher) {
      this.lastMatcher = this.re2.matcher(str);
      this.lastInput = str;
    }
    const m = this.lastMatcher;
    let hit: RegExpExecArray | null = null;
    if (m.find(from)) {
      const groups: (string | undefined)[] = [];
      for (let g = 0; g <= m.groupCount(); g++) groups.push(m.group(g) ?? undefined);
      hit = groups as unknown as RegExpExecArray;
      hit.index = m.start();
      hit.input = str;
      if (this.names.length) {
        const named: Record<string, string> = {};
        for (const n of this.names) {
          const v = m.group(n);
          if (v != null) named[n] = v;
        }
        hit.groups = named;
      } else hit.groups = undefined;
      this.cacheEnd = m.end();
    }
    this.cache = { str, from, hit, end: hit ? this.cacheEnd : 0 };
    return hit;
  }

  private cache: { str: string; from: number; hit: RegExpExecArray | null; end: number } | null = null;
  private cacheEnd = 0;

  override exec(input: string): RegExpExecArray | null {
    const str = String(input);
    const stateful = this.global || this.sticky;
    const start = stateful ? this.lastIndex : 0;
    const fail = (): null => {
      if (stateful) this.lastIndex = 0;
      return null;
    };
    if (start > str.length) return fail();
    const hit = this.search(str, start);
    if (!hit || (this.sticky && hit.index !== start)) return fail();
    if (stateful) this.lastIndex = this.cache!.end;
    // A copy: callers may mutate the array they get.
    const out = [...hit] as unknown as RegExpExecArray;
    out.index = hit.index;
    out.input = str;
    out.groups = hit.groups ? { ...hit.groups } : undefined;
    return out;
  }

  override test(input: string): boolean {
    return this.exec(input) !== null;
  }
}

/** Paths per start position up to which a pattern runs on the native engine: linear with a small constant. */
export const MAX_NATIVE_PATHS = 1000;

/**
 * Compiles a rule-file pattern so that matching cannot take super-linear time.
 * @throws SyntaxError for an invalid JavaScript pattern; UnsafeRegexError for one that is refused.
 */
export function userRegExp(source: string, flags = "u"): RegExp {
  const native = new RegExp(source, flags);
  if (backtrackBound(source) <= MAX_NATIVE_PATHS) return native;
  const re2 = compileRe2(source, flags);
  if (re2) return new LinearRegExp(source, flags, re2);
  // RE2 cannot run it: lookaround, backreferences, or nested counts over its limit of 1000 (`(a{0,100}){0,100}`).
  const unbounded = hasUnboundedRepetition(source);
  if (hasBackreference(source)) {
    // `(a*)\1x` backtracks over every split of every run: > 60 s on 20,000 characters.
    throw new UnsafeRegexError(
      unbounded
        ? "a backreference (\\1, \\k<name>) combined with unbounded repetition could take super-linear time, and the linear-time engine cannot run backreferences; remove the backreference or bound the repetition, e.g. {0,20} / 反向引用（\\1、\\k<名>）与无上限的重复同用可能导致超线性回溯，线性时间引擎不支持反向引用；请去掉反向引用，或改为有上限的重复，如 {0,20}"
        : `a backreference (\\1, \\k<name>) combined with repetition that can match in more than ${MAX_NATIVE_PATHS} ways from one position could take super-linear time; remove the backreference or use smaller bounds / 反向引用与从同一位置有 ${MAX_NATIVE_PATHS} 种以上匹配方式的重复同用，可能导致超线性回溯；请去掉反向引用或缩小重复上限`,
    );
  }
  if (unbounded && hasNestedRepetition(source)) {
    throw new UnsafeRegexError(
      "nested unbounded repetition (like (a+)+) combined with lookaround or backreferences could take exponential time; bound the repetition, e.g. {0,20} / 嵌套的无上限重复（如 (a+)+）与前后断言或反向引用同用，可能导致指数级回溯；请改为有上限的重复，如 {0,20}",
    );
  }
  if (!unbounded) {
    throw new UnsafeRegexError(
      `bounded repetition that can match in more than ${MAX_NATIVE_PATHS} ways from one position (like a{0,100}a{0,100}) could take super-linear time, and the linear-time engine cannot run this pattern (lookaround, or nested counts above 1000); use smaller bounds / 有上限的重复从同一位置有 ${MAX_NATIVE_PATHS} 种以上匹配方式（如 a{0,100}a{0,100}），可能导致超线性回溯，而线性时间引擎无法执行该模式（前后断言，或嵌套重复次数超过 1000）；请缩小重复上限`,
    );
  }
  // Unbounded repetition with lookaround, no nesting: polynomial on the native engine (bounded by --max-size per line).
  return native;
}

/** Why a pattern is invalid, without the engine's own "Invalid regular expression:" prefix (our messages say that). */
export function regexErrorDetail(e: unknown): string {
  return ((e as Error)?.message ?? String(e)).replace(/^Invalid regular expression:\s*/i, "");
}

/** "invalid regular expression: <why>", for CompileError messages. */
export function regexErrorMessage(e: unknown): string {
  return `invalid regular expression: ${regexErrorDetail(e)}`;
}
