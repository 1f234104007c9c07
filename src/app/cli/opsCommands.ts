/**
 * `natrium op <id> [--flags]`: one CLI command per registered operation, generated from the
 * operation's zod input schema, so the CLI cannot drift from the registry (the HTTP routes, forms
 * and job payloads come from the same declaration).
 *
 * How a schema becomes flags (via `z.toJSONSchema(input, {io: 'input'})`, `$ref`s followed):
 * - one `--flag` per top-level field; camelCase → kebab-case (`twoThetaMin` → `--two-theta-min`),
 *   unit suffixes after `_` lower-cased (`thickness_um` → `--thickness-um`, `T_C` → `--t-c`);
 * - number/integer/boolean fields are coerced (`--flag` / `--no-flag` for booleans); enums list their
 *   choices in --help; a string-or-number union (e.g. `wavelength`) takes either;
 * - arrays of scalars are comma lists (`--c-rates 0.1,1,10`) or a JSON array;
 * - a file object (a schema with a `text` field, e.g. an impedance or cycler file) takes a path: the
 *   file is read as text (or base64 when it is binary and the schema accepts base64) and `fileName`
 *   is filled in; arrays of file objects take comma-separated paths;
 * - other nested objects and unknown shapes take JSON or `@file.json`; `--input JSON|@file.json`
 *   gives the whole input, and flags override its fields;
 * - any string field takes `@path` to read the file's text (`--cif @NaCl.cif`; `@@x` is the literal
 *   `@x`), and a `fileName` field next to it is filled from the path unless given.
 * Defaults and descriptions come from the schema. The assembled input is validated by the same
 * schema; the first problem becomes one InputError naming the flag (exit code 2).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { InputError } from '../../core/errors.ts';
import { writeOutputFile } from '../outputFiles.ts';
import { DEFAULT_SEED, listOperations, loadOperations, makeContext } from '../registry/registry.ts';
import type { Operation } from '../registry/types.ts';
// Operations whose result has a figure get --figure/--scale/--dpi.
import { FIGURE_OPERATIONS } from '../report/figures.ts';
import { failWith, printJson, table } from './output.ts';
import { progressBar } from './progress.ts';

/** A JSON Schema node as produced by zod (only the keywords used here are typed). */
interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  description?: string;
  default?: unknown;
}

/** How a flag's string value becomes the field's value. */
export type FlagKind =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'scalarUnion'
  | 'list'
  | 'file'
  | 'fileList'
  | 'json';

type ScalarKind = 'string' | 'number' | 'integer' | 'boolean';

export interface FlagSpec {
  /** Input field (top-level key of the operation's input). */
  field: string;
  /** Long flag without dashes, e.g. 'two-theta-min'. */
  flag: string;
  kind: FlagKind;
  required: boolean;
  description: string;
  default?: unknown;
  /** Allowed values (enums, consts of a union), shown in --help. */
  choices?: unknown[];
  /** Scalar types a `scalarUnion` or a `list` item accepts, in the order they are tried. */
  scalars?: ScalarKind[];
  /** For `file`/`fileList`: the file object's schema accepts base64 bytes / a file name. */
  fileAccepts?: { base64: boolean; fileName: boolean };
}

/** Flags every generated command has; an input field mapping to one of them is a registry bug. */
const RESERVED_FLAGS = ['json', 'input', 'seed', 'figure', 'scale', 'dpi', 'help', 'list'];

/** `twoThetaMin` → `two-theta-min`; `thickness_um` → `thickness-um`; `T_C` → `t-c`. */
export function flagName(field: string): string {
  const [name, ...units] = field.split('_');
  const head = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2');
  return [head, ...units].filter(Boolean).join('-').toLowerCase();
}

function resolve(node: JsonSchema | undefined, root: JsonSchema): JsonSchema {
  let n = node ?? {};
  for (let guard = 0; n.$ref && guard < 32; guard++) {
    const m = /^#\/\$defs\/(.+)$/.exec(n.$ref);
    const target = m ? root.$defs?.[m[1]] : undefined;
    if (!target) return {};
    // Keep the referring node's own description/default over the definition's.
    const { $ref: _r, ...own } = n;
    n = { ...target, ...own };
  }
  return n;
}

function scalarKind(n: JsonSchema): ScalarKind | undefined {
  const t = n.type;
  if (t === 'string' || t === 'number' || t === 'integer' || t === 'boolean') return t;
  if (n.const !== undefined) {
    const c = typeof n.const;
    if (c === 'string' || c === 'boolean') return c;
    if (c === 'number') return Number.isInteger(n.const) ? 'integer' : 'number';
  }
  return undefined;
}

function isFileObject(n: JsonSchema): boolean {
  return n.type === 'object' && n.properties?.text?.type === 'string';
}

/** The flags of an operation, one per top-level input field (empty when the input is not an object). */
export function flagSpecs(op: Operation): FlagSpec[] {
  const root = z.toJSONSchema(op.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const top = resolve(root, root);
  const required = new Set(top.required ?? []);
  const specs: FlagSpec[] = [];
  const seen = new Map<string, string>();
  for (const [field, raw] of Object.entries(top.properties ?? {})) {
    const n = resolve(raw, root);
    const spec: FlagSpec = {
      field,
      flag: flagName(field),
      kind: 'json',
      required: required.has(field),
      description: n.description ?? raw.description ?? '',
      default: n.default,
    };
    const union = n.anyOf ?? n.oneOf;
    const scalar = scalarKind(n);
    if (n.enum) {
      spec.kind = 'enum';
      spec.choices = n.enum;
    } else if (union) {
      const branches = union.map((b) => resolve(b, root));
      const kinds = branches.map(scalarKind);
      if (kinds.every((k) => k !== undefined)) {
        spec.kind = 'scalarUnion';
        spec.scalars = orderScalars(kinds as ScalarKind[]);
        const choices = branches.flatMap((b) => b.enum ?? (b.const !== undefined ? [b.const] : []));
        if (choices.length) spec.choices = choices;
      }
    } else if (scalar) spec.kind = scalar;
    else if (n.type === 'array') {
      const item = resolve(n.items, root);
      const itemScalar = scalarKind(item);
      if (isFileObject(item)) {
        spec.kind = 'fileList';
        spec.fileAccepts = fileAccepts(item);
      } else if (itemScalar || item.enum) {
        spec.kind = 'list';
        spec.scalars = [itemScalar ?? 'string'];
        if (item.enum) spec.choices = item.enum;
      }
    } else if (isFileObject(n)) {
      spec.kind = 'file';
      spec.fileAccepts = fileAccepts(n);
    }
    if (RESERVED_FLAGS.includes(spec.flag) && !(spec.flag === 'seed' && spec.kind === 'integer'))
      throw new Error(
        `operation ${op.id}: input field "${field}" would take the reserved flag --${spec.flag}`,
      );
    const clash = seen.get(spec.flag);
    if (clash)
      throw new Error(`operation ${op.id}: fields "${clash}" and "${field}" both map to --${spec.flag}`);
    seen.set(spec.flag, field);
    specs.push(spec);
  }
  return specs;
}

/** Numbers before booleans before strings, so "1.54" in a string-or-number union is a number. */
function orderScalars(kinds: ScalarKind[]): ScalarKind[] {
  const rank: Record<ScalarKind, number> = { integer: 0, number: 1, boolean: 2, string: 3 };
  return [...new Set(kinds)].sort((a, b) => rank[a] - rank[b]);
}

function fileAccepts(n: JsonSchema): { base64: boolean; fileName: boolean } {
  return { base64: Boolean(n.properties?.base64), fileName: Boolean(n.properties?.fileName) };
}

function valueName(s: FlagSpec): string {
  switch (s.kind) {
    case 'number':
    case 'integer':
      return s.kind;
    case 'enum':
      return 'choice';
    case 'scalarUnion':
      return s.scalars?.join('|') ?? 'value';
    case 'list':
      return `${s.scalars?.[0] ?? 'value'},…`;
    case 'file':
      return 'path';
    case 'fileList':
      return 'path,…';
    case 'json':
      return 'json|@file.json';
    default:
      return 'text|@file';
  }
}

function helpText(s: FlagSpec): string {
  const parts = [s.description || s.field];
  if (s.field !== camelFromFlag(s.flag)) parts.push(`[field ${s.field}]`);
  if (s.choices) parts.push(`(choices: ${s.choices.map((c) => JSON.stringify(c)).join(', ')})`);
  if (s.kind === 'list') parts.push('(comma-separated)');
  if (s.kind === 'file') parts.push('(path of the file to read)');
  if (s.kind === 'fileList') parts.push('(comma-separated paths of the files to read)');
  if (s.required) parts.push('(required)');
  if (s.default !== undefined) parts.push(`(default: ${JSON.stringify(s.default)})`);
  return parts.join(' ');
}

function camelFromFlag(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

// ---------- from option strings to the input ----------

function readFileBytes(path: string, flag: string): Buffer {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new InputError('file not found', {
      field: flag,
      found: path,
      expected: 'a path to an existing file',
    });
  }
  if (isDir) throw new InputError('is a directory, not a file', { field: flag, found: path });
  return readFileSync(path);
}

/** Text of a file; UTF-8, falling back to Latin-1 for old instrument exports. */
function decodeText(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.includes('\uFFFD') ? bytes.toString('latin1') : text;
}

function readTextArg(path: string, flag: string): string {
  const bytes = readFileBytes(path, flag);
  if (bytes.includes(0))
    throw new InputError('the file is binary, not text', {
      field: flag,
      found: path,
      expected: 'a text file',
    });
  return decodeText(bytes);
}

/** A file object `{fileName, text}` (or `{fileName, base64}` for binary files the schema accepts). */
function fileObject(path: string, s: FlagSpec): Record<string, unknown> {
  const p = path.startsWith('@') ? path.slice(1) : path;
  const bytes = readFileBytes(p, `--${s.flag}`);
  const out: Record<string, unknown> = {};
  if (s.fileAccepts?.fileName) out.fileName = basename(p);
  const binary = bytes.includes(0) || bytes.toString('utf8').includes('\uFFFD');
  if (binary && s.fileAccepts?.base64) out.base64 = bytes.toString('base64');
  else out.text = decodeText(bytes);
  return out;
}

function parseJsonArg(value: string, flag: string): unknown {
  const fromFile = value.startsWith('@');
  const text = fromFile ? readTextArg(value.slice(1), flag) : value;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(fromFile ? 'the file is not valid JSON' : 'not valid JSON', {
      field: flag,
      found: fromFile ? value.slice(1) : value,
      expected: `JSON or @file.json (${(err as Error).message})`,
    });
  }
}

function coerceScalar(value: string, kinds: ScalarKind[], s: FlagSpec): unknown {
  const flag = `--${s.flag}`;
  const t = value.trim();
  for (const k of kinds) {
    if ((k === 'number' || k === 'integer') && t !== '' && Number.isFinite(Number(t))) {
      const x = Number(t);
      if (k === 'integer' && !Number.isInteger(x) && kinds.length === 1)
        throw new InputError('not an integer', { field: flag, found: value, expected: 'a whole number' });
      return x;
    }
    if (k === 'boolean' && (t === 'true' || t === 'false')) return t === 'true';
    if (k === 'string') return value;
  }
  const expected =
    kinds.length === 1 && kinds[0] === 'integer'
      ? 'a whole number'
      : kinds.length === 1 && kinds[0] === 'number'
        ? 'a number'
        : `${kinds.join(' or ')}${s.choices ? ` (${s.choices.join(', ')})` : ''}`;
  throw new InputError('not a usable value', { field: flag, found: value, expected });
}

/** Fields that hold a file's contents: a bare existing path there is a mistake worth naming. */
const FILE_TEXT_FIELDS = new Set(['cif', 'csv', 'text', 'content', 'contents']);

function stringArg(value: string, s: FlagSpec): { value: string; fromFile?: string } {
  if (value.startsWith('@@')) return { value: value.slice(1) };
  if (FILE_TEXT_FIELDS.has(s.field) && !value.includes('\n') && existsSync(value))
    throw new InputError('this option takes the contents of a file, not its name', {
      field: `--${s.flag}`,
      found: value,
      expected: `@${value} to read the file`,
    });
  if (value.startsWith('@'))
    return { value: readTextArg(value.slice(1), `--${s.flag}`), fromFile: value.slice(1) };
  return { value };
}

/** One flag's string value → the field's value, per the flag's kind. */
function coerce(value: unknown, s: FlagSpec): unknown {
  if (typeof value !== 'string') return value; // booleans from commander
  switch (s.kind) {
    case 'number':
    case 'integer':
    case 'boolean':
      return coerceScalar(value, [s.kind], s);
    case 'scalarUnion':
      return coerceScalar(value, s.scalars ?? ['string'], s);
    case 'enum':
      return s.choices?.some((c) => typeof c === 'number') && Number.isFinite(Number(value))
        ? Number(value)
        : value;
    case 'list': {
      if (value.trim().startsWith('[')) return parseJsonArg(value, `--${s.flag}`);
      if (value.trim() === '') return [];
      return value.split(',').map((v) => coerceScalar(v.trim(), s.scalars ?? ['string'], s));
    }
    case 'file':
      return value.trim().startsWith('{') ? parseJsonArg(value, `--${s.flag}`) : fileObject(value, s);
    case 'fileList':
      return value.trim().startsWith('[')
        ? parseJsonArg(value, `--${s.flag}`)
        : value
            .split(',')
            .filter((v) => v.trim())
            .map((v) => fileObject(v.trim(), s));
    case 'json':
      return parseJsonArg(value, `--${s.flag}`);
    default:
      return stringArg(value, s).value;
  }
}

/** Everything a generated command was asked to do. */
export interface OpInvocation {
  op: Operation;
  /** The input as validated by the operation's schema (defaults applied). */
  input: unknown;
  seed: number;
  json: boolean;
  figure?: { file: string; scale?: number; dpi?: number };
}

/** Option values as commander gives them (keyed by attribute name) → the operation's input. */
export function inputFromOptions(
  specs: FlagSpec[],
  opts: Record<string, unknown>,
  attr: (s: FlagSpec) => string = (s) => camelFromFlag(s.flag),
): Record<string, unknown> {
  let input: Record<string, unknown> = {};
  if (typeof opts.input === 'string') {
    const base = parseJsonArg(opts.input, '--input');
    if (!base || typeof base !== 'object' || Array.isArray(base))
      throw new InputError('the input must be a JSON object', { field: '--input', found: opts.input });
    input = { ...(base as Record<string, unknown>) };
  }
  for (const s of specs) {
    const v = opts[attr(s)];
    if (v === undefined) continue;
    if (
      (s.kind === 'string' || s.kind === 'scalarUnion') &&
      typeof v === 'string' &&
      v.startsWith('@') &&
      !v.startsWith('@@')
    ) {
      const r = stringArg(v, s);
      input[s.field] = r.value;
      // A file's name makes its parse errors readable: fill the sibling fileName unless given.
      const nameSpec = specs.find((x) => x.field === 'fileName');
      if (r.fromFile && nameSpec && opts[attr(nameSpec)] === undefined && input.fileName === undefined)
        input.fileName = basename(r.fromFile);
    } else input[s.field] = coerce(v, s);
  }
  return input;
}

/** Validates with the operation's schema; the first problem becomes one InputError naming the flag. */
export function validateInput(op: Operation, specs: FlagSpec[], input: Record<string, unknown>): unknown {
  const r = op.input.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const [head, ...rest] = issue?.path ?? [];
  const spec = specs.find((s) => s.field === head);
  const field = spec ? `--${spec.flag}${rest.length ? ` (${rest.map(String).join('.')})` : ''}` : '--input';
  const value = head === undefined ? input : valueAt(input, issue.path);
  const missing = head !== undefined && value === undefined;
  const problem = missing
    ? rest.length
      ? 'this field is required'
      : 'this option is required'
    : lowerFirst(issue?.message ?? 'invalid input');
  const found = !missing && spec ? shortValue(value) : undefined;
  // A union's own message ("invalid input") says nothing: name what the flag takes.
  const expected =
    !missing && !rest.length && spec?.kind === 'scalarUnion' && issue?.code === 'invalid_union'
      ? [
          ...(spec.choices ?? []).map(String),
          ...(spec.scalars ?? []).filter((k) => k === 'number' || k === 'integer').map((k) => `a ${k}`),
        ].join(', ')
      : undefined;
  throw new InputError(problem, { field, found, expected: expected || undefined });
}

function valueAt(v: unknown, path: PropertyKey[]): unknown {
  let cur = v;
  for (const k of path)
    cur = cur && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[k] : undefined;
  return cur;
}

function shortValue(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

// ---------- commands ----------

/**
 * The command of one operation. `onRun` receives the checked invocation (the CLI runs it; tests
 * inspect it). Errors thrown while assembling the input reach `onError`.
 */
export function buildOpCommand(
  op: Operation,
  onRun: (inv: OpInvocation) => void | Promise<void>,
  onError: (err: unknown) => void = failWith,
): Command {
  const specs = flagSpecs(op);
  const cmd = new Command(op.id).description(`${op.title}. ${op.description}`);
  const attrs = new Map<FlagSpec, string>();
  const hasSeedField = specs.some((s) => s.flag === 'seed');
  for (const s of specs) {
    const opt =
      s.kind === 'boolean'
        ? new Option(`--${s.flag}`, helpText(s))
        : new Option(`--${s.flag} <${valueName(s)}>`, helpText(s));
    cmd.addOption(opt);
    attrs.set(s, opt.attributeName());
    if (s.kind === 'boolean') cmd.addOption(new Option(`--no-${s.flag}`, `set ${s.field} to false`));
  }
  cmd.option('--input <json|@file.json>', 'the whole input as JSON (flags override its fields)');
  if (!hasSeedField)
    cmd.option('--seed <integer>', 'seed of the run’s random generator', String(DEFAULT_SEED));
  if (FIGURE_OPERATIONS.has(op.id)) {
    cmd.option('--figure <file>', 'also write the figure of the result: .svg or .png by extension');
    cmd.option('--scale <x>', 'PNG zoom factor: pixels = SVG size × scale (default 1)');
    cmd.option('--dpi <n>', 'PNG resolution instead of --scale (scale = dpi / 96)');
  }
  cmd.option('--json', "print exactly the operation's output as one JSON document");
  cmd.action(async (opts: Record<string, unknown>) => {
    let inv: OpInvocation;
    try {
      const raw = inputFromOptions(specs, opts, (s) => attrs.get(s) ?? camelFromFlag(s.flag));
      const input = validateInput(op, specs, raw);
      const seedValue = hasSeedField ? (input as { seed?: unknown }).seed : Number(opts.seed);
      const seed = typeof seedValue === 'number' ? seedValue : DEFAULT_SEED;
      if (!Number.isSafeInteger(seed))
        throw new InputError('the seed must be an integer', { field: '--seed', found: String(opts.seed) });
      inv = { op, input, seed, json: Boolean(opts.json) };
      if (typeof opts.figure === 'string') inv.figure = await figureTarget(opts);
    } catch (err) {
      onError(err);
      return;
    }
    await onRun(inv);
  });
  return cmd;
}

/**
 * Parses a generated command's arguments (`['--points', '41', …]`) into a checked invocation without
 * running it (used by `jobs run <id> --flags…`). A commander error (unknown flag, missing value)
 * becomes an InputError too.
 */
export function parseOpArgs(op: Operation, args: string[]): Promise<OpInvocation> {
  return new Promise((resolve, reject) => {
    const cmd = buildOpCommand(op, resolve, reject);
    cmd.exitOverride();
    cmd.configureOutput({ writeErr: () => {}, writeOut: () => {} });
    cmd.parseAsync(args, { from: 'user' }).catch((err: unknown) => {
      if (err instanceof InputError || !(err instanceof Error)) return reject(err);
      // One sentence: commander's "error: unknown option '--x'\n(Did you mean --y?)" on one line.
      const msg = err.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
      reject(new InputError(msg, { expected: `a flag of \`natrium op ${op.id} --help\`` }));
    });
  });
}

async function figureTarget(opts: Record<string, unknown>): Promise<OpInvocation['figure']> {
  const file = String(opts.figure);
  const ext = extname(file).toLowerCase();
  if (ext !== '.svg' && ext !== '.png')
    throw new InputError('unknown figure type', {
      field: '--figure',
      found: file,
      expected: 'a file name ending in .svg or .png',
    });
  const { parsePngOptions } = await import('../report/figureFiles.ts');
  const png = parsePngOptions({
    scale: opts.scale as string | undefined,
    dpi: opts.dpi as string | undefined,
  });
  return { file, ...png };
}

/** Runs an invocation as the CLI does: progress bar on stderr, result on stdout, figure file. */
export async function runInvocation(
  inv: OpInvocation,
  /** Replaces the terminal bar (tests; other front ends). */
  onProgress?: (done: number, total: number) => void,
): Promise<unknown> {
  const { loadSpaceGroupsNode } = await import('../../crystal/spacegroup.node.ts');
  loadSpaceGroupsNode();
  const bar = onProgress ? { onProgress, stop: () => {} } : progressBar(inv.op.id);
  let out: unknown;
  try {
    out = await inv.op.run(makeContext(inv.seed, { onProgress: bar.onProgress }), inv.input);
  } finally {
    bar.stop();
  }
  if (inv.figure) await writeFigure(inv, out);
  return out;
}

async function writeFigure(inv: OpInvocation, result: unknown): Promise<void> {
  const fig = inv.figure;
  if (!fig) return;
  const { analysisFigure } = await import('../report/figures.ts');
  const svg = analysisFigure({ operationId: inv.op.id, result });
  if (!svg) throw new InputError('this result has no figure', { field: '--figure', found: inv.op.id });
  if (fig.file.toLowerCase().endsWith('.png')) {
    const { svgToPng } = await import('../report/png.ts');
    writeOutputFile(fig.file, svgToPng(svg, { scale: fig.scale, dpi: fig.dpi }));
  } else writeOutputFile(fig.file, svg);
}

/** A readable summary of any result (without --json): scalars, array sizes, and the first rows. */
export function summarizeResult(result: unknown): string {
  if (!result || typeof result !== 'object' || Array.isArray(result)) return `${JSON.stringify(result)}\n`;
  const lines: string[] = [];
  const tables: string[] = [];
  const walk = (obj: Record<string, unknown>, prefix: string, depth: number) => {
    for (const [k, v] of Object.entries(obj)) {
      const key = `${prefix}${k}`;
      if (v === null || typeof v !== 'object') lines.push(`${key}: ${typeof v === 'string' ? v : cell(v)}`);
      else if (Array.isArray(v)) {
        if (v.length > 0 && v.length <= 6 && v.every((x) => x === null || typeof x !== 'object'))
          lines.push(`${key}: ${v.map(cell).join(', ')}`);
        else lines.push(`${key}: ${v.length} item${v.length === 1 ? '' : 's'}`);
        const t = flatTable(key, v);
        if (t) tables.push(t);
      } else if (depth < 1) walk(v as Record<string, unknown>, `${key}.`, depth + 1);
      else lines.push(`${key}: {${Object.keys(v).join(', ')}}`);
    }
  };
  walk(result as Record<string, unknown>, '', 0);
  return `${[...lines, ...tables].join('\n')}\n(--json prints the full result)\n`;
}

/** The first rows of an array of flat objects as a text table (scalar columns only). */
function flatTable(name: string, v: unknown[]): string | undefined {
  if (!v.length || !v.every((r) => r && typeof r === 'object' && !Array.isArray(r))) return undefined;
  const first = v[0] as Record<string, unknown>;
  const keys = Object.keys(first).filter((key) => first[key] === null || typeof first[key] !== 'object');
  if (!keys.length || keys.length > 10) return undefined;
  const rows = v.slice(0, 10).map((r) => keys.map((key) => cell((r as Record<string, unknown>)[key])));
  return `\n${name}${v.length > 10 ? ` (first 10 of ${v.length})` : ''}:\n${table(keys, rows)}`;
}

function cell(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  return v === null || v === undefined ? '-' : String(v);
}

/** The registered operations with their generated flags (for `natrium op --list`). */
export function describeOperations(ops: Operation[]): unknown[] {
  return ops.map((op) => ({
    id: op.id,
    title: op.title,
    description: op.description,
    sweep: Boolean(op.sweep),
    long: Boolean(op.long),
    figure: FIGURE_OPERATIONS.has(op.id),
    flags: flagSpecs(op).map((s) => ({
      flag: `--${s.flag}`,
      field: s.field,
      kind: s.kind,
      required: s.required,
      description: s.description,
      ...(s.default !== undefined ? { default: s.default } : {}),
      ...(s.choices ? { choices: s.choices } : {}),
    })),
  }));
}

/**
 * Only the module of the requested operation is imported when its id names a file of the registry
 * (`eis.fit` → ops/eis.ts); otherwise, and for listings, every operation is loaded.
 */
async function operationsFor(id: string | undefined): Promise<Operation[]> {
  const prefix = id?.split('.')[0];
  if (prefix && /^[a-z][a-zA-Z0-9]*$/.test(prefix)) {
    const file = new URL(`../registry/ops/${prefix}.ts`, import.meta.url);
    if (existsSync(fileURLToPath(file))) {
      const mod = (await import(file.href)) as { operations?: Operation[] };
      const op = mod.operations?.find((o) => o.id === id);
      if (op) return [op];
    }
  }
  await loadOperations();
  return listOperations();
}

/** Registers `natrium op` (and the subcommand of the requested operation, or all of them). */
export async function registerOpCommands(program: Command, argv: string[]): Promise<void> {
  const after = argv.slice(argv.indexOf('op') + 1);
  const requested = after.find((a) => !a.startsWith('-'));
  const ops = await operationsFor(requested);
  // `op --list --json` and `op <id> --json` both exist: commander must hand everything after the
  // operation id to the operation's command, which needs positional options down the chain.
  program.enablePositionalOptions();
  const opCmd = program
    .command('op')
    .description('run any registered operation with flags generated from its input schema')
    .argument('[operation]', 'operation id (natrium op --list)')
    .option('--list', 'list the operations and their flags')
    .option('--json', 'with --list: one JSON document')
    // Options of `op` are read only before the operation id, so `op <id> --json` reaches the operation.
    .enablePositionalOptions()
    .action(async (id: string | undefined, opts: { list?: boolean; json?: boolean }) => {
      try {
        if (id)
          throw new InputError('there is no such operation', {
            field: 'operation',
            found: id,
            expected: ops.map((o) => o.id).join(', '),
          });
        if (opts.json) return printJson({ operations: describeOperations(ops) });
        process.stdout.write(
          `${table(
            ['id', 'title', 'flags'],
            ops.map((o) => [
              o.id,
              o.title,
              flagSpecs(o)
                .map((s) => `--${s.flag}`)
                .join(' '),
            ]),
          )}\n\nnatrium op <id> --help shows the flags of one operation.\n`,
        );
      } catch (err) {
        failWith(err);
      }
    });
  for (const op of ops) {
    const cmd = buildOpCommand(op, async (inv) => {
      try {
        const out = await runInvocation(inv);
        if (inv.json) printJson(out);
        else process.stdout.write(summarizeResult(out));
      } catch (err) {
        failWith(err);
      }
    });
    cmd.copyInheritedSettings(opCmd);
    opCmd.addCommand(cmd);
  }
}
