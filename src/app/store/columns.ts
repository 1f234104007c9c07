/**
 * Columnar storage of parsed arrays: every column is a Float64Array written little-endian, one after
 * the other, in one binary value; the column names and lengths go in a small JSON list beside it.
 * A 10⁶-row cycler file is then one row in the database, not a million.
 */
export interface ColumnInfo {
  name: string;
  length: number;
}

export function encodeColumns(columns: Record<string, Float64Array>): { blob: Buffer; info: ColumnInfo[] } {
  const info: ColumnInfo[] = Object.entries(columns).map(([name, a]) => ({ name, length: a.length }));
  const total = info.reduce((s, c) => s + c.length, 0);
  const blob = Buffer.alloc(total * 8);
  let offset = 0;
  for (const a of Object.values(columns)) {
    for (let i = 0; i < a.length; i++) blob.writeDoubleLE(a[i], offset + i * 8);
    offset += a.length * 8;
  }
  return { blob, info };
}

export function decodeColumns(blob: Uint8Array, info: ColumnInfo[]): Record<string, Float64Array> {
  const expected = info.reduce((s, c) => s + c.length, 0) * 8;
  if (blob.byteLength !== expected)
    throw new Error(`stored columns are ${blob.byteLength} bytes but their index describes ${expected}`);
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const out: Record<string, Float64Array> = {};
  let offset = 0;
  for (const c of info) {
    const a = new Float64Array(c.length);
    for (let i = 0; i < c.length; i++) a[i] = view.getFloat64(offset + i * 8, true);
    out[c.name] = a;
    offset += c.length * 8;
  }
  return out;
}
