/**
 * PNG figures: the bytes are a valid PNG of the SVG's size × scale, the pixels show what the SVG
 * draws (checked by decoding the PNG here with zlib, independently of the renderer), text is drawn,
 * and a project's figures are written as SVG and PNG files.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { loadSpaceGroupsNode } from '../../crystal/spacegroup.node.ts';
import { getOperation, loadOperations, makeContext, runOperation } from '../registry/registry.ts';
import { Store } from '../store/store.ts';
import { sqliteTestDb } from '../store/testing.ts';
import { writeFigureFiles } from './figureFiles.ts';
import { projectFigures } from './figures.ts';
import { pngScale, svgToPng } from './png.ts';
import { chartSvg } from './svg.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const FIX = fileURLToPath(new URL('../../../test/fixtures/platform/', import.meta.url));

interface Decoded {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel, row-major. */
  rgba: Uint8Array;
}

/** Minimal PNG decoder (8-bit RGB/RGBA, non-interlaced): the test oracle, independent of resvg. */
function decodePng(png: Buffer): Decoded {
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8); // bit depth
      expect(data[12]).toBe(0); // not interlaced
      const colorType = data[9];
      expect([2, 6]).toContain(colorType);
      channels = colorType === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const cur = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = (line[i] + pred) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = cur[x * channels];
      out[o + 1] = cur[x * channels + 1];
      out[o + 2] = cur[x * channels + 2];
      out[o + 3] = channels === 4 ? cur[x * channels + 3] : 255;
    }
    prev.set(cur);
  }
  return { width, height, rgba: out };
}

function pixel(d: Decoded, x: number, y: number): [number, number, number, number] {
  const o = (y * d.width + x) * 4;
  return [d.rgba[o], d.rgba[o + 1], d.rgba[o + 2], d.rgba[o + 3]];
}

/** Pixels in [x0, x1) × [y0, y1) darker than mid-grey. */
function darkPixels(d: Decoded, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const [r, g, b] = pixel(d, x, y);
      if (r + g + b < 3 * 128) n++;
    }
  return n;
}

const RECT_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50">' +
  '<rect x="10" y="10" width="30" height="20" fill="#000"/></svg>';

describe('svgToPng', () => {
  it('has the PNG signature and the SVG size × scale in IHDR (scale and DPI)', () => {
    const svg = chartSvg([{ x: [0, 1], y: [0, 1] }], { xLabel: 'x', yLabel: 'y', width: 640, height: 360 });
    for (const [o, w, h] of [
      [{}, 640, 360],
      [{ scale: 2 }, 1280, 720],
      [{ dpi: 300 }, 2000, 1125],
      [{ scale: 0.5 }, 320, 180],
    ] as const) {
      const d = decodePng(svgToPng(svg, o));
      expect([d.width, d.height]).toEqual([w, h]);
    }
  });

  it('draws the pixels of the SVG: a black rectangle on a white background, scaled', () => {
    for (const scale of [1, 3]) {
      const d = decodePng(svgToPng(RECT_SVG, { scale }));
      expect([d.width, d.height]).toEqual([100 * scale, 50 * scale]);
      expect(pixel(d, 25 * scale, 20 * scale)).toEqual([0, 0, 0, 255]); // inside the rectangle
      expect(pixel(d, 80 * scale, 40 * scale)).toEqual([255, 255, 255, 255]); // background
      expect(pixel(d, 5 * scale, 5 * scale)).toEqual([255, 255, 255, 255]);
      // The rectangle covers 30 × 20 SVG units: that many pixels (× scale²) are dark, no more.
      expect(darkPixels(d, 0, 0, d.width, d.height)).toBe(30 * 20 * scale * scale);
    }
  });

  it('keeps transparency when asked', () => {
    const d = decodePng(svgToPng(RECT_SVG, { background: 'transparent' }));
    expect(pixel(d, 80, 40)[3]).toBe(0);
    expect(pixel(d, 25, 20)).toEqual([0, 0, 0, 255]);
  });

  it('draws text: a title puts dark pixels where it is written, and only there', () => {
    const base = { xLabel: 'x', yLabel: 'y', width: 640, height: 360 };
    const series = [{ x: [0, 1], y: [0, 1] }];
    const withTitle = decodePng(svgToPng(chartSvg(series, { ...base, title: 'Nyquist plot Ω θ' })));
    const without = decodePng(svgToPng(chartSvg(series, base)));
    // The title is drawn at (64, 18) baseline, above the plot frame (which starts at y = 28).
    expect(darkPixels(withTitle, 60, 4, 400, 24)).toBeGreaterThan(100);
    expect(darkPixels(without, 60, 4, 400, 24)).toBe(0);
    // Axis labels and tick numbers are text too: the band below the frame is not empty.
    expect(darkPixels(without, 40, 321, 640, 360)).toBeGreaterThan(50);
  });

  it('draws the series in its colour', () => {
    const d = decodePng(
      svgToPng(chartSvg([{ x: [0, 1], y: [0, 1], kind: 'line' }], { xLabel: 'x', yLabel: 'y' })),
    );
    let blue = 0;
    for (let i = 0; i < d.rgba.length; i += 4)
      if (d.rgba[i] < 80 && d.rgba[i + 1] > 90 && d.rgba[i + 1] < 150 && d.rgba[i + 2] > 150) blue++;
    expect(blue).toBeGreaterThan(200); // #1f77b4 diagonal across the plot, ~560 px long
  });

  it('rejects an unusable scale or DPI with an InputError naming it', () => {
    expect(() => pngScale({ scale: 0 })).toThrow(InputError);
    expect(() => pngScale({ scale: Number.NaN })).toThrow(/scale/);
    expect(() => pngScale({ dpi: 5000 })).toThrow(/dpi/);
    expect(() => pngScale({ scale: 2, dpi: 300 })).toThrow(/either/);
    expect(pngScale({ dpi: 192 })).toBe(2);
  });
});

describe('project figures as files', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('every figure of the report is written as SVG and as a PNG of the same drawing', async () => {
    const db = await sqliteTestDb();
    const store = await Store.open(db.url);
    try {
      loadSpaceGroupsNode();
      await loadOperations();
      await store.createProject('figs');
      const cif = readFileSync(join(FIX, 'Silicon.cif'));
      await store.importFile('figs', { name: 'Silicon.cif', bytes: cif });
      await store.importFile('figs', {
        name: 'exampleDataBioLogic.mpt',
        bytes: readFileSync(join(FIX, 'exampleDataBioLogic.mpt')),
      });
      const p = await store.getProject('figs');
      const input = { cif: cif.toString('utf8'), fileName: 'Silicon.cif' };
      const result = await runOperation(getOperation('xrd.pattern'), input, makeContext(1));
      const a = await store.createAnalysis({
        projectId: p.id,
        operationId: 'xrd.pattern',
        params: input,
        seed: 1,
      });
      await store.markRunning(a.id);
      await store.finishAnalysis(a.id, { status: 'done', result });

      const figs = await projectFigures(store, 'figs');
      // The impedance dataset (Nyquist) and the XRD analysis; a CIF dataset has no figure.
      expect(figs.map((f) => f.caption)).toEqual(['exampleDataBioLogic.mpt (eis:biologic)', 'xrd.pattern']);
      const out = mkdtempSync(join(tmpdir(), 'natrium-figs-'));
      dirs.push(out);
      const files = writeFigureFiles(figs, out, 'both', { scale: 2 });
      expect(files).toHaveLength(4);
      expect(readdirSync(out).sort()).toEqual(files.map((f) => f.slice(out.length + 1)).sort());
      for (const f of figs) {
        const svg = readFileSync(join(out, `${f.name}.svg`), 'utf8');
        expect(svg).toBe(f.svg);
        const w = Number(/width="(\d+)"/.exec(svg)?.[1]);
        const h = Number(/height="(\d+)"/.exec(svg)?.[1]);
        const d = decodePng(readFileSync(join(out, `${f.name}.png`)));
        expect([d.width, d.height]).toEqual([2 * w, 2 * h]);
        expect(darkPixels(d, 0, 0, d.width, d.height)).toBeGreaterThan(1000);
      }
      const svgOnly = mkdtempSync(join(tmpdir(), 'natrium-figs-'));
      dirs.push(svgOnly);
      writeFigureFiles(figs, svgOnly, 'svg');
      expect(readdirSync(svgOnly).every((n) => n.endsWith('.svg'))).toBe(true);
      expect(existsSync(join(svgOnly, `${figs[0].name}.svg`))).toBe(true);
    } finally {
      await store.close();
      await db.cleanup();
    }
  });
});
