import { ShapedArray, allDTypes, dtypeInfo, type Atom, type DType, type Eqn, type Graph, type OpName, type Var } from "@kiln/core";

/**
 * A reader for kiln's printed graph form (`{ lambda consts ; inputs. let ... in (outs) }`), so
 * a test can check that the printed text is the whole graph: parse it, verify it, print it again.
 * Params print as numbers (`nan`, `inf`, `-0.0` spelled out), dtype names, and tuples `(a, b)`.
 */
const dtypeByShort = new Map<string, DType>(allDTypes.map((d) => [dtypeInfo[d].short, d]));

class ParseError extends Error {
  override name = "ParseError";
}

function parseAval(text: string): ShapedArray {
  const m = /^([a-z0-9]+)\[([0-9,]*)\]$/.exec(text);
  const dtype = m ? dtypeByShort.get(m[1]!) : undefined;
  if (!m || dtype === undefined) throw new ParseError(`bad aval '${text}'`);
  return new ShapedArray(m[2] === "" ? [] : m[2]!.split(",").map(Number), dtype);
}

function parseNumber(text: string): number {
  if (text === "nan") return NaN;
  if (text === "inf") return Infinity;
  if (text === "-inf") return -Infinity;
  const v = Number(text);
  if (text === "" || Number.isNaN(v)) throw new ParseError(`bad number '${text}'`);
  return v;
}

/** Splits at `sep` where parentheses are balanced. */
function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (depth === 0 && text.startsWith(sep, i)) {
      parts.push(text.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function parseParam(text: string): unknown {
  if (text.startsWith("(") && text.endsWith(")")) {
    const inner = text.slice(1, -1);
    if (inner === "") return [];
    const items = splitTop(inner, ", ");
    if (items.length === 1) {
      if (!items[0]!.endsWith(",")) throw new ParseError(`one-element tuple without a comma: '${text}'`);
      items[0] = items[0]!.slice(0, -1);
    }
    return items.map(parseParam);
  }
  if (text === "true" || text === "false") return text === "true";
  if (/^-?(nan|inf|[0-9.]+(e[+-]?[0-9]+)?|-0\.0)$/.test(text)) return parseNumber(text);
  return text;
}

/** Parses a printed graph back into a Graph (fresh var ids, in order of definition). */
export function parseGraph(text: string): Graph {
  const lines = text.split("\n");
  const head = /^\{ lambda (.*); (.*)\. let$/.exec(lines[0] ?? "");
  const tail = /^ {2}in \((.*)\) \}$/.exec(lines[lines.length - 1] ?? "");
  if (!head || !tail) throw new ParseError(`not a printed graph:\n${text}`);
  const vars = new Map<string, Var>();
  let nextId = 0;
  const define = (def: string): Var => {
    const colon = def.indexOf(":");
    const name = def.slice(0, colon);
    if (colon < 1 || vars.has(name)) throw new ParseError(`bad or repeated definition '${def}'`);
    const v: Var = { kind: "var", id: nextId++, aval: parseAval(def.slice(colon + 1)) };
    vars.set(name, v);
    return v;
  };
  const use = (text: string): Atom => {
    const colon = text.indexOf(":");
    if (colon >= 0) return { kind: "literal", value: parseNumber(text.slice(0, colon)), aval: parseAval(text.slice(colon + 1)) };
    const v = vars.get(text);
    if (!v) throw new ParseError(`use of undefined '${text}'`);
    return v;
  };
  const words = (s: string) => s.split(" ").filter((w) => w !== "");
  const constVars = words(head[1]!).map(define);
  const inputs = words(head[2]!).map(define);
  const eqns: Eqn[] = lines.slice(1, -1).map((line) => {
    const m = /^ {4}(.+?) = ([a-z_0-9]+)(?:\[([^\]]*)\])?(?: (.*))?$/.exec(line);
    if (!m) throw new ParseError(`bad equation line '${line}'`);
    const args = words(m[4] ?? "").map(use);
    const params = Object.fromEntries(splitTop(m[3] ?? "", " ").filter((p) => p !== "").map((p) => {
      const eq = p.indexOf("=");
      return [p.slice(0, eq), parseParam(p.slice(eq + 1))];
    }));
    const out = words(m[1]!).map(define);
    return { op: m[2] as OpName, inputs: args, params, out } as unknown as Eqn;
  });
  const outText = tail[1]!.replace(/,$/, "");
  const outputs = outText === "" ? [] : outText.split(", ").map(use);
  return { constVars, inputs, eqns, outputs };
}
