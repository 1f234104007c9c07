/**
 * The circuit language. Two syntaxes, one tree:
 *
 * - impedance.py: elements joined by '-' are in series, `p(a, b, …)` puts its arguments in parallel,
 *   arguments may be series chains and nest: `R0-p(R1,CPE1)-p(R2-Wo1,C2)`. An element is its symbol
 *   followed by a label of digits/underscores/letters (`R0`, `CPE1`, `R_ct`).
 * - Boukamp CDC: one letter per element (R C L Q W O T G); adjacent items are in series at the top
 *   level; each '(' switches between parallel and series (Boukamp 1986); '[' … ']' is an explicit
 *   series group: `R(RQ)(RW)`, `R(Q(RW))`.
 *
 * A hand-written tokenizer and recursive-descent parser (never `eval`); every error is an
 * InputError whose message points at the 1-based character, e.g. `R1--C1` → "character 4".
 */
import { InputError } from '../../core/errors.ts';
import { BOUKAMP_CODES, ELEMENTS, type ElementSpec } from './elements.ts';

export type CircuitNode =
  | { type: 'element'; symbol: string; label: string /** 0-based position in the source. */; pos: number }
  | { type: 'series'; children: CircuitNode[] }
  | { type: 'parallel'; children: CircuitNode[] };

export type CircuitSyntax = 'impedancepy' | 'boukamp';

export interface CircuitParameter {
  /** impedance.py name: the label for 1-parameter elements, `label_i` otherwise (Wo1_0, Wo1_1). */
  name: string;
  element: string;
  symbol: string;
  unit: string;
  lower: number;
  upper: number;
  default: number;
  kind: ElementSpec['params'][number]['kind'];
}

export interface Circuit {
  source: string;
  syntax: CircuitSyntax;
  root: CircuitNode;
  /** Elements in reading order. */
  elements: { label: string; symbol: string; offset: number }[];
  parameters: CircuitParameter[];
  /** True if any element can be inductive (L, La). */
  inductive: boolean;
}

function fail(source: string, pos: number, problem: string, expected?: string): never {
  const where = pos >= source.length ? 'at the end' : `at character ${pos + 1}`;
  throw new InputError(`${problem} ${where} of the circuit "${source}"`, { field: 'circuit', expected });
}

/** Guesses the syntax: Boukamp strings use only capital letters and brackets (no labels, '-' or ','). */
export function detectSyntax(source: string): CircuitSyntax {
  return /^[\sA-Z()[\]]+$/.test(source) ? 'boukamp' : 'impedancepy';
}

export function parseCircuit(source: string, syntax: CircuitSyntax | 'auto' = 'auto'): Circuit {
  if (typeof source !== 'string' || source.trim() === '')
    throw new InputError('empty circuit', { field: 'circuit', expected: "e.g. 'R0-p(R1,C1)' or 'R(RC)'" });
  const s = source.trim();
  const syn = syntax === 'auto' ? detectSyntax(s) : syntax;
  const root = syn === 'boukamp' ? new BoukampParser(s).parse() : new ImpedancePyParser(s).parse();
  return buildCircuit(s, syn, root);
}

function buildCircuit(source: string, syntax: CircuitSyntax, root: CircuitNode): Circuit {
  const elements: Circuit['elements'] = [];
  const parameters: CircuitParameter[] = [];
  const seen = new Map<string, number>();
  const walk = (n: CircuitNode) => {
    if (n.type === 'element') {
      if (seen.has(n.label))
        fail(source, n.pos, `element label '${n.label}' is used twice`, 'unique labels such as R0, R1');
      seen.set(n.label, n.pos);
      const spec = ELEMENTS[n.symbol];
      elements.push({ label: n.label, symbol: n.symbol, offset: parameters.length });
      spec.params.forEach((p, i) => {
        parameters.push({
          name: spec.params.length === 1 ? n.label : `${n.label}_${i}`,
          element: n.label,
          symbol: p.symbol,
          unit: p.unit,
          lower: p.lower,
          upper: p.upper,
          default: p.default,
          kind: p.kind,
        });
      });
    } else n.children.forEach(walk);
  };
  walk(root);
  return {
    source,
    syntax,
    root,
    elements,
    parameters,
    inductive: elements.some((e) => ELEMENTS[e.symbol].inductive),
  };
}

const KNOWN = () => Object.keys(ELEMENTS).join(', ');

class ImpedancePyParser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): CircuitNode {
    const node = this.series();
    this.ws();
    if (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === ')') fail(this.s, this.i, "unmatched ')'");
      fail(this.s, this.i, `unexpected '${c}'`, "'-' between elements in series");
    }
    return node;
  }

  private ws() {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  private series(): CircuitNode {
    const children: CircuitNode[] = [this.term()];
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '-') break;
      this.i++;
      children.push(this.term());
    }
    const flat = children.flatMap((c) => (c.type === 'series' ? c.children : [c]));
    return flat.length === 1 ? flat[0] : { type: 'series', children: flat };
  }

  private term(): CircuitNode {
    this.ws();
    const start = this.i;
    const m = /^[A-Za-z][A-Za-z0-9_]*/.exec(this.s.slice(this.i));
    if (!m) {
      if (this.i >= this.s.length) fail(this.s, this.i, 'missing element', 'an element such as R1 or p(…)');
      fail(
        this.s,
        this.i,
        `expected an element or p( but found '${this.s[this.i]}'`,
        'an element such as R1 or p(…)',
      );
    }
    const word = m[0];
    this.i += word.length;
    this.ws();
    if ((word === 'p' || word === 's') && this.s[this.i] === '(') {
      this.i++;
      const children: CircuitNode[] = [this.series()];
      for (;;) {
        this.ws();
        const c = this.s[this.i];
        if (c === ',') {
          this.i++;
          children.push(this.series());
        } else if (c === ')') {
          this.i++;
          break;
        } else fail(this.s, this.i, `unclosed '${word}(' opened at character ${start + 1}`, "',' or ')'");
      }
      if (word === 's')
        return {
          type: 'series',
          children: children.flatMap((c) => (c.type === 'series' ? c.children : [c])),
        };
      return { type: 'parallel', children };
    }
    const sym = /^[A-Za-z]+/.exec(word)![0];
    // Longest registered symbol that prefixes the letters (so 'Wo1' → Wo, 'CPE1' → CPE, 'Rct' → R).
    const symbol = Object.hasOwn(ELEMENTS, sym)
      ? sym
      : Object.keys(ELEMENTS)
          .filter((k) => sym.startsWith(k) && word.length > k.length && /[0-9_]/.test(word[k.length] ?? ''))
          .sort((a, b) => b.length - a.length)[0];
    if (!symbol)
      fail(this.s, start, `unknown element '${sym}'`, `one of ${KNOWN()} followed by a label, e.g. R1`);
    if (word === symbol && this.s[this.i] === '(')
      fail(this.s, this.i, `'${word}(' is not p( or s(`, 'p(…) for parallel');
    return { type: 'element', symbol, label: word, pos: start };
  }
}

class BoukampParser {
  private i = 0;
  private counters = new Map<string, number>();
  constructor(private readonly s: string) {}

  parse(): CircuitNode {
    const node = this.group('series', '');
    if (this.i < this.s.length) fail(this.s, this.i, `unmatched '${this.s[this.i]}'`);
    return node;
  }

  private group(mode: 'series' | 'parallel', close: string): CircuitNode {
    const children: CircuitNode[] = [];
    const open = this.i - 1;
    for (;;) {
      while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
      if (this.i >= this.s.length) {
        if (close)
          fail(
            this.s,
            this.i,
            `unclosed '${close === ')' ? '(' : '['}' opened at character ${open + 1}`,
            `'${close}'`,
          );
        break;
      }
      const c = this.s[this.i];
      if (c === ')' || c === ']') {
        if (c !== close) fail(this.s, this.i, `unmatched '${c}'`);
        this.i++;
        break;
      }
      if (c === '(') {
        this.i++;
        children.push(this.group(mode === 'series' ? 'parallel' : 'series', ')'));
      } else if (c === '[') {
        this.i++;
        children.push(this.group('series', ']'));
      } else {
        const symbol = Object.hasOwn(BOUKAMP_CODES, c) ? BOUKAMP_CODES[c] : undefined;
        if (!symbol)
          fail(
            this.s,
            this.i,
            `unknown Boukamp element '${c}'`,
            `one of ${Object.keys(BOUKAMP_CODES).join(', ')}`,
          );
        const n = this.counters.get(symbol) ?? 0;
        this.counters.set(symbol, n + 1);
        children.push({ type: 'element', symbol, label: `${symbol}${n}`, pos: this.i });
        this.i++;
      }
    }
    if (children.length === 0) fail(this.s, this.i - 1, 'empty group', 'at least one element');
    if (children.length === 1) return children[0];
    const flat = children.flatMap((ch) => (ch.type === mode ? ch.children : [ch]));
    return { type: mode, children: flat };
  }
}

/** Writes the tree in impedance.py syntax (labels kept). */
export function formatImpedancePy(node: CircuitNode): string {
  if (node.type === 'element') return node.label;
  if (node.type === 'series') return node.children.map(formatImpedancePy).join('-');
  return `p(${node.children.map(formatImpedancePy).join(',')})`;
}

/** Writes the tree as a Boukamp CDC (labels dropped; La has no CDC letter → InputError). */
export function formatBoukamp(node: CircuitNode, context: 'series' | 'parallel' = 'series'): string {
  if (node.type === 'element') {
    const code = ELEMENTS[node.symbol].boukamp;
    if (!code)
      throw new InputError(`element ${node.label} (${node.symbol}) has no Boukamp code`, {
        field: 'circuit',
        expected: 'impedance.py syntax for circuits with La',
      });
    return code;
  }
  const inner = node.children.map((c) => formatBoukamp(c, node.type)).join('');
  return node.type === context ? inner : `(${inner})`;
}

/** Circuit text in the requested syntax. */
export function formatCircuit(circuit: Circuit | CircuitNode, syntax: CircuitSyntax): string {
  const root = 'root' in circuit ? circuit.root : circuit;
  return syntax === 'boukamp' ? formatBoukamp(root) : formatImpedancePy(root);
}
