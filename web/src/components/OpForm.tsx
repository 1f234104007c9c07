/**
 * A form generated from an operation's input JSON Schema (served by `GET /api/ops`, converted from the
 * registry's zod schemas), so the workbench's forms cannot drift from what the server validates.
 *
 * Field kinds, chosen from the schema: number / integer (bounds checked), boolean (checkbox), enum
 * (select), string, array of numbers (typed as "1, 2, 3"), "named source or number" (`anyOf` of an
 * enum and a number, e.g. an X-ray wavelength), nested objects (optional ones behind a checkbox),
 * and JSON text for anything else (records, arrays of objects). File inputs are recognised by shape:
 * a string whose description says it holds a file's contents (e.g. `cif`), or an object with
 * `text`/`base64`/`fileName` (an impedance or cycler upload); they take a dataset of the project
 * or a file from disk (picked or dropped), read as text, or as base64 bytes when the bytes are not
 * UTF-8 and the schema accepts base64. Defaults come from the schema, descriptions are the help
 * text, and invalid fields get a message before anything is sent.
 *
 * Styles: shared `.field`, `.toggle`, `.button` and the `op-form-*` classes (projects.css).
 */
import { type DragEvent, type ReactNode, useId, useMemo, useState } from 'react';

/** The subset of JSON Schema (draft 2020-12, as zod 4 writes it) that forms are built from. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: JsonSchema | boolean;
}

/** A file the user may pick for a file field: a stored dataset of the project. */
export interface FileSource {
  id: string;
  name: string;
  /** Detected format ('cif', 'eis:biologic', 'cycling:arbin', 'xy'…): matching ones are listed first. */
  format?: string;
  load(): Promise<Uint8Array>;
}

/** A picked file: where it came from and its content (text, or base64 bytes). */
interface FilePick {
  name: string;
  source: string;
  text?: string;
  base64?: string;
  loading?: boolean;
  error?: string;
}

type Raw = string | boolean | FilePick | undefined;
type RawMap = Record<string, Raw>;

type Kind =
  | 'fileObject'
  | 'fileText'
  | 'object'
  | 'boolean'
  | 'enum'
  | 'number'
  | 'integer'
  | 'string'
  | 'numberArray'
  | 'enumOrNumber'
  | 'json';

const FILE_OBJECT_KEYS = new Set(['fileName', 'text', 'base64']);

function typeOf(s: JsonSchema): string | undefined {
  return Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
}

function kindOf(s: JsonSchema, name: string): Kind {
  const t = typeOf(s);
  if (t === 'object' && s.properties?.text && typeOf(s.properties.text) === 'string') return 'fileObject';
  if (t === 'object' && s.properties && Object.keys(s.properties).length) return 'object';
  if (s.enum?.length) return 'enum';
  if (t === 'boolean') return 'boolean';
  if (t === 'integer') return 'integer';
  if (t === 'number') return 'number';
  if (t === 'string')
    return name === 'cif' || /contents? of an? .*file/i.test(s.description ?? '') ? 'fileText' : 'string';
  if (t === 'array' && s.items && ['number', 'integer'].includes(typeOf(s.items) ?? '')) return 'numberArray';
  if (s.anyOf?.length === 2) {
    const e = s.anyOf.find((b) => b.enum);
    const n = s.anyOf.find((b) => typeOf(b) === 'number' || typeOf(b) === 'integer');
    if (e && n) return 'enumOrNumber';
  }
  return 'json';
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);
const onKey = (p: string) => `${p}#on`;

/** "…(default 10)." → "10": shown as the placeholder of an empty optional field. */
function defaultHint(s: JsonSchema): string | undefined {
  if (s.default !== undefined) return String(s.default);
  const m = /default[:\s]+([^,;)]+?)(?:[,;)]|\.(?:\s|$)|$)/i.exec(s.description ?? '');
  return m ? `default ${m[1].trim()}` : undefined;
}

/** Checks a number against the schema's bounds; a message or undefined. */
function numberProblem(n: number, s: JsonSchema, integer: boolean): string | undefined {
  if (!Number.isFinite(n)) return 'not a number';
  if (integer && !Number.isInteger(n)) return 'must be a whole number';
  if (s.minimum !== undefined && n < s.minimum) return `must be ≥ ${s.minimum}`;
  if (s.maximum !== undefined && n > s.maximum) return `must be ≤ ${s.maximum}`;
  if (s.exclusiveMinimum !== undefined && n <= s.exclusiveMinimum) return `must be > ${s.exclusiveMinimum}`;
  if (s.exclusiveMaximum !== undefined && n >= s.exclusiveMaximum) return `must be < ${s.exclusiveMaximum}`;
  return undefined;
}

interface Built {
  value: Record<string, unknown>;
  errors: Record<string, string>;
}

/** Turns the raw field values into the JSON the operation takes, collecting one message per bad field. */
function build(schema: JsonSchema, raw: RawMap, path = '', out: Built = { value: {}, errors: {} }): Built {
  const required = new Set(schema.required ?? []);
  for (const [name, s] of Object.entries(schema.properties ?? {})) {
    const p = join(path, name);
    const need = required.has(name);
    const kind = kindOf(s, name);
    const r = raw[p];
    const set = (v: unknown) => {
      out.value[name] = v;
    };
    const fail = (m: string) => {
      out.errors[p] = m;
    };
    switch (kind) {
      case 'fileObject':
      case 'fileText': {
        const pick = r as FilePick | undefined;
        if (!pick) {
          if (need) fail('choose a dataset or a file');
          break;
        }
        if (pick.loading) fail('the file is still being read');
        else if (pick.error) fail(pick.error);
        else if (kind === 'fileText') {
          if (pick.text === undefined) fail('this file is not text');
          else set(pick.text);
        } else {
          const rest: JsonSchema = {
            ...s,
            properties: Object.fromEntries(
              Object.entries(s.properties ?? {}).filter(([k]) => !FILE_OBJECT_KEYS.has(k)),
            ),
          };
          const inner = build(rest, raw, p, { value: {}, errors: out.errors });
          set({
            fileName: pick.name,
            ...(pick.text !== undefined ? { text: pick.text } : { base64: pick.base64 }),
            ...inner.value,
          });
        }
        break;
      }
      case 'object': {
        if (!need && !raw[onKey(p)]) break;
        set(build(s, raw, p, { value: {}, errors: out.errors }).value);
        break;
      }
      case 'boolean': {
        if (typeof r === 'boolean') set(r);
        else if (s.default !== undefined) set(s.default);
        else if (need) set(false);
        break;
      }
      default: {
        const text = typeof r === 'string' ? r.trim() : '';
        if (text === '') {
          if (need) fail('a value is needed');
          break;
        }
        if (kind === 'enum') {
          const v = s.enum?.find((e) => String(e) === text);
          if (v === undefined) fail(`one of ${s.enum?.join(', ')}`);
          else set(v);
        } else if (kind === 'number' || kind === 'integer') {
          const n = Number(text);
          const problem = numberProblem(n, s, kind === 'integer');
          if (problem) fail(problem);
          else set(n);
        } else if (kind === 'string') {
          if (s.minLength !== undefined && text.length < s.minLength)
            fail(`at least ${s.minLength} characters`);
          else if (s.maxLength !== undefined && text.length > s.maxLength)
            fail(`at most ${s.maxLength} characters`);
          else set(text);
        } else if (kind === 'numberArray') {
          const items = s.items ?? {};
          const nums = text
            .split(/[\s,;]+/)
            .filter(Boolean)
            .map(Number);
          const bad = nums.map((n) => numberProblem(n, items, typeOf(items) === 'integer')).find(Boolean);
          if (bad) fail(`every value ${bad === 'not a number' ? 'must be a number' : bad}`);
          else if (s.minItems !== undefined && nums.length < s.minItems)
            fail(`at least ${s.minItems} values`);
          else if (s.maxItems !== undefined && nums.length > s.maxItems) fail(`at most ${s.maxItems} values`);
          else set(nums);
        } else if (kind === 'enumOrNumber') {
          const e = s.anyOf?.find((b) => b.enum);
          const nb = s.anyOf?.find((b) => !b.enum) ?? {};
          const named = e?.enum?.find((x) => String(x) === text);
          if (named !== undefined) set(named);
          else {
            const n = Number(text);
            const problem = numberProblem(n, nb, typeOf(nb) === 'integer');
            if (problem)
              fail(`${e?.enum?.join(', ')}, or a number that ${problem.replace(/^must be/, 'is')}`);
            else set(n);
          }
        } else {
          try {
            set(JSON.parse(text));
          } catch {
            fail('not valid JSON');
          }
        }
      }
    }
  }
  return out;
}

/** The raw field values that show a given input (a saved analysis re-opened), defaults elsewhere. */
function toRaw(schema: JsonSchema, value: Record<string, unknown> | undefined, path = '', raw: RawMap = {}) {
  for (const [name, s] of Object.entries(schema.properties ?? {})) {
    const p = join(path, name);
    const v = value?.[name] ?? s.default;
    const kind = kindOf(s, name);
    if (kind === 'object') {
      if (value?.[name] !== undefined) raw[onKey(p)] = true;
      toRaw(s, v as Record<string, unknown> | undefined, p, raw);
      continue;
    }
    if (v === undefined) continue;
    if (kind === 'fileObject') {
      const f = v as { fileName?: string; text?: string; base64?: string };
      raw[p] = { name: f.fileName ?? 'saved input', source: 'saved', text: f.text, base64: f.base64 };
      const rest = Object.entries(s.properties ?? {}).filter(([k]) => !FILE_OBJECT_KEYS.has(k));
      toRaw({ ...s, properties: Object.fromEntries(rest) }, f as Record<string, unknown>, p, raw);
    } else if (kind === 'fileText') {
      const fileName = value?.fileName;
      raw[p] = {
        name: typeof fileName === 'string' ? fileName : 'saved input',
        source: 'saved',
        text: String(v),
      };
    } else if (kind === 'boolean') raw[p] = Boolean(v);
    else if (kind === 'numberArray') raw[p] = (v as number[]).join(', ');
    else if (kind === 'json') raw[p] = JSON.stringify(v);
    else raw[p] = String(v);
  }
  return raw;
}

/** Bytes → text when they are valid UTF-8, otherwise base64 (Latin-1 instrument exports). */
function decode(bytes: Uint8Array, allowBase64: boolean): { text?: string; base64?: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    if (!allowBase64) return { text: new TextDecoder('latin1').decode(bytes) };
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { base64: btoa(binary) };
  }
}

/** Which dataset formats suit a file field (listed first): CIF for CIF text, else by the description. */
function formatHint(s: JsonSchema, name: string): string | undefined {
  const d = `${name} ${s.description ?? ''}`.toLowerCase();
  if (/\bcif\b/.test(d)) return 'cif';
  if (d.includes('impedance')) return 'eis';
  if (d.includes('cycler')) return 'cycling';
  return undefined;
}

export interface OpFormProps {
  /** The operation's input JSON Schema (an object schema). */
  schema: JsonSchema;
  /** Datasets offered for file fields. */
  files?: FileSource[];
  /** Start values (a saved analysis' parameters); defaults of the schema otherwise. */
  initial?: Record<string, unknown>;
  submitLabel?: string;
  busy?: boolean;
  onSubmit(value: Record<string, unknown>): void;
  testId?: string;
}

export function OpForm(props: OpFormProps) {
  const { schema, files = [] } = props;
  const prefix = useId();
  const [raw, setRaw] = useState<RawMap>(() => toRaw(schema, props.initial));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [tried, setTried] = useState(false);
  const built = useMemo(() => build(schema, raw), [schema, raw]);
  const shown = (p: string) => (tried || touched.has(p) ? built.errors[p] : undefined);
  const touch = (p: string) => setTouched((t) => (t.has(p) ? t : new Set(t).add(p)));
  const put = (p: string, v: Raw) => setRaw((m) => ({ ...m, [p]: v }));

  /** Reads a dataset or a disk file into a file field; fills a sibling fileName left empty. */
  async function pick(
    p: string,
    s: JsonSchema,
    name: string,
    source: string,
    load: () => Promise<Uint8Array>,
  ) {
    const base64Ok = Boolean(s.properties?.base64);
    const textField = kindOf(s, p.slice(p.lastIndexOf('.') + 1)) === 'fileText';
    put(p, { name, source, loading: true });
    touch(p);
    try {
      const content = decode(await load(), base64Ok);
      setRaw((m) => {
        const next: RawMap = { ...m, [p]: { name, source, ...content } };
        // A CIF text field's sibling `fileName` names the file in messages: fill it if it was empty
        // or was filled by an earlier pick.
        const sib = p.includes('.') ? `${p.slice(0, p.lastIndexOf('.'))}.fileName` : 'fileName';
        if (textField && (typeof m[sib] !== 'string' || m[sib] === '' || m[`${sib}#auto`])) {
          next[sib] = name;
          next[`${sib}#auto`] = true;
        }
        return next;
      });
    } catch (err) {
      put(p, { name, source, error: err instanceof Error ? err.message : String(err) });
    }
  }

  function field(name: string, s: JsonSchema, path: string, required: boolean) {
    const p = join(path, name);
    const kind = kindOf(s, name);
    const id = `${prefix}-${p}`;
    const err = shown(p);
    const help = s.description;
    // The required mark sits outside the <label> so the field's accessible name is its bare name.
    const label = (
      <span className="op-form-label-row">
        <label className="op-form-label" htmlFor={id}>
          {name}
        </label>
        {required && (
          <span className="op-form-required" aria-hidden="true" title="required">
            {' *'}
          </span>
        )}
      </span>
    );
    const notes = (
      <>
        {help && (
          <small className="op-form-help" id={`${id}-help`}>
            {help}
          </small>
        )}
        {err && (
          <small className="op-form-error" id={`${id}-error`} data-testid="op-form-error">
            {err}
          </small>
        )}
      </>
    );
    const aria = {
      'aria-required': required || undefined,
      'aria-invalid': err ? true : undefined,
      'aria-describedby': [help && `${id}-help`, err && `${id}-error`].filter(Boolean).join(' ') || undefined,
    };
    const text = typeof raw[p] === 'string' ? (raw[p] as string) : '';
    const onText = (v: string) => {
      put(p, v);
      if (name === 'fileName') put(`${p}#auto`, false);
    };

    if (kind === 'object') {
      const on = required || Boolean(raw[onKey(p)]);
      return (
        <fieldset key={p} className="op-form-group">
          <legend>
            {required ? (
              name
            ) : (
              <label className="toggle">
                <input type="checkbox" checked={on} onChange={(e) => put(onKey(p), e.target.checked)} />
                {name}
              </label>
            )}
          </legend>
          {help && <small className="op-form-help">{help}</small>}
          {on && fields(s, p)}
        </fieldset>
      );
    }

    if (kind === 'fileObject' || kind === 'fileText') {
      const current = raw[p] as FilePick | undefined;
      const hint = formatHint(s, name);
      const sorted = [...files].sort(
        (a, b) =>
          Number(Boolean(hint && b.format?.startsWith(hint))) -
          Number(Boolean(hint && a.format?.startsWith(hint))),
      );
      const onDrop = (e: DragEvent) => {
        e.preventDefault();
        const f = e.dataTransfer.files[0];
        if (f) pick(p, s, f.name, 'disk', async () => new Uint8Array(await f.arrayBuffer()));
      };
      const rest =
        kind === 'fileObject'
          ? Object.entries(s.properties ?? {}).filter(([k]) => !FILE_OBJECT_KEYS.has(k))
          : [];
      return (
        <fieldset
          key={p}
          className="op-form-field op-form-file"
          onDragOver={(e) => e.preventDefault()}
          onDrop={onDrop}
          data-testid={`op-file-${p}`}
        >
          {label}
          <div className="op-form-file-row">
            <select
              id={id}
              {...aria}
              value={current && current.source !== 'disk' && current.source !== 'saved' ? current.source : ''}
              onChange={(e) => {
                const ds = files.find((f) => f.id === e.target.value);
                if (ds) pick(p, s, ds.name, ds.id, ds.load);
              }}
            >
              <option value="">{files.length ? '— a dataset of the project —' : '(no datasets yet)'}</option>
              {sorted.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                  {f.format ? ` (${f.format})` : ''}
                </option>
              ))}
            </select>
            <label className="button op-form-disk">
              from disk…
              <input
                type="file"
                hidden
                aria-label={`${name} from disk`}
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) pick(p, s, f.name, 'disk', async () => new Uint8Array(await f.arrayBuffer()));
                  e.target.value = '';
                }}
              />
            </label>
          </div>
          <small className="op-form-picked" data-testid="op-form-picked">
            {!current
              ? 'or drop a file here'
              : current.loading
                ? `reading ${current.name}…`
                : `${current.name}: ${
                    current.text !== undefined
                      ? `${current.text.length.toLocaleString('en-US')} characters`
                      : current.base64 !== undefined
                        ? 'binary bytes (sent as base64)'
                        : ''
                  }`}
          </small>
          {notes}
          {rest.length > 0 && (
            <div className="op-form-nested">
              {rest.map(([k, sub]) => field(k, sub, p, (s.required ?? []).includes(k)))}
            </div>
          )}
        </fieldset>
      );
    }

    if (kind === 'boolean') {
      const checked = typeof raw[p] === 'boolean' ? (raw[p] as boolean) : Boolean(s.default);
      return (
        <div key={p} className="op-form-field">
          <label className="toggle" htmlFor={id}>
            <input
              id={id}
              type="checkbox"
              checked={checked}
              onChange={(e) => put(p, e.target.checked)}
              {...aria}
            />
            {name}
          </label>
          {notes}
        </div>
      );
    }

    let input: ReactNode;
    if (kind === 'enum')
      input = (
        <select
          id={id}
          value={text}
          onChange={(e) => put(p, e.target.value)}
          onBlur={() => touch(p)}
          {...aria}
        >
          {(!required || s.default === undefined) && (
            <option value="">{required ? '— choose —' : '(default)'}</option>
          )}
          {s.enum?.map((v) => (
            <option key={String(v)} value={String(v)}>
              {String(v)}
            </option>
          ))}
        </select>
      );
    else if (kind === 'json')
      input = (
        <textarea
          id={id}
          rows={2}
          className="op-form-json"
          value={text}
          placeholder={typeOf(s) === 'object' ? '{"name": value}' : 'JSON'}
          onChange={(e) => onText(e.target.value)}
          onBlur={() => touch(p)}
          {...aria}
        />
      );
    else {
      const listId = kind === 'enumOrNumber' ? `${id}-options` : undefined;
      input = (
        <>
          <input
            id={id}
            type={kind === 'number' || kind === 'integer' ? 'number' : 'text'}
            step={kind === 'integer' ? 1 : 'any'}
            inputMode={kind === 'number' || kind === 'numberArray' ? 'decimal' : undefined}
            list={listId}
            value={text}
            placeholder={
              kind === 'numberArray' ? (defaultHint(s) ?? 'e.g. 1, 2.5, 3e-4') : (defaultHint(s) ?? undefined)
            }
            onChange={(e) => onText(e.target.value)}
            onBlur={() => touch(p)}
            {...aria}
          />
          {listId && (
            <datalist id={listId}>
              {s.anyOf
                ?.find((b) => b.enum)
                ?.enum?.map((v) => (
                  <option key={String(v)} value={String(v)} />
                ))}
            </datalist>
          )}
        </>
      );
    }
    return (
      <div key={p} className="op-form-field">
        {label}
        {input}
        {notes}
      </div>
    );
  }

  function fields(s: JsonSchema, path: string) {
    const required = new Set(s.required ?? []);
    return Object.entries(s.properties ?? {}).map(([name, sub]) =>
      field(name, sub, path, required.has(name)),
    );
  }

  const errorCount = Object.keys(built.errors).length;
  return (
    <form
      className="op-form"
      data-testid={props.testId ?? 'op-form'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (errorCount === 0) props.onSubmit(built.value);
      }}
    >
      <div className="op-form-fields">{fields(schema, '')}</div>
      <div className="op-form-actions">
        <button type="submit" className="button primary" disabled={props.busy}>
          {props.submitLabel ?? 'Run'}
        </button>
        {tried && errorCount > 0 && (
          <span className="op-form-error" role="alert" data-testid="op-form-summary">
            {errorCount === 1 ? 'One field needs' : `${errorCount} fields need`} attention before running.
          </span>
        )}
      </div>
    </form>
  );
}
