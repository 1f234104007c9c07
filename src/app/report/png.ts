/**
 * PNG rendering of the report's SVG figures in Node, with resvg (a native SVG renderer; no browser).
 * The SVG is the one the HTML report embeds, so the PNG shows exactly the same figure.
 *
 * Fonts: when the DejaVu fonts are installed (Debian `fonts-dejavu-core`, which CI installs) only
 * those are loaded, so a PNG renders identically on every machine and start-up skips the scan of all
 * system fonts; otherwise the system fonts are used. DejaVu Sans has the glyphs the figures need
 * (θ, Ω, ε, −, ″).
 */
import { existsSync } from 'node:fs';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { InputError } from '../../core/errors.ts';

/** CSS pixels per inch: an SVG user unit is 1/96 in, so `dpi / 96` is the zoom factor. */
export const CSS_PX_PER_INCH = 96;
/** Largest zoom accepted (a 640×360 figure at ×10 is 6400×3600 px, about 90 MB of RGBA while drawing). */
export const MAX_PNG_SCALE = 10;
const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';
const FONT_FAMILY = 'DejaVu Sans';

export interface PngOptions {
  /** Zoom factor: the PNG is round(width·scale) × round(height·scale) pixels (default 1). */
  scale?: number;
  /** Alternative to `scale`: dots per inch, scale = dpi / 96. */
  dpi?: number;
  /** Background colour (CSS); default white, as a figure in a paper has. 'transparent' keeps alpha. */
  background?: string;
}

/** The zoom factor of `o`, checked (an InputError names the option). */
export function pngScale(o: PngOptions = {}): number {
  if (o.scale !== undefined && o.dpi !== undefined)
    throw new InputError('give either a scale or a DPI, not both', { field: 'scale' });
  const scale = o.dpi !== undefined ? o.dpi / CSS_PX_PER_INCH : (o.scale ?? 1);
  const field = o.dpi !== undefined ? 'dpi' : 'scale';
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_PNG_SCALE)
    throw new InputError('the PNG size is out of range', {
      field,
      found: String(o.dpi ?? o.scale),
      expected:
        field === 'dpi'
          ? `a DPI above 0 and at most ${MAX_PNG_SCALE * CSS_PX_PER_INCH}`
          : `a zoom factor above 0 and at most ${MAX_PNG_SCALE}`,
    });
  return scale;
}

function fontOptions(): ResvgRenderOptions['font'] {
  if (existsSync(`${DEJAVU_DIR}/DejaVuSans.ttf`))
    return {
      loadSystemFonts: false,
      fontDirs: [DEJAVU_DIR],
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    };
  return { loadSystemFonts: true, defaultFontFamily: FONT_FAMILY };
}

/** Renders an SVG document to PNG bytes. */
export function svgToPng(svg: string, o: PngOptions = {}): Buffer {
  const scale = pngScale(o);
  const background = o.background ?? 'white';
  const r = new Resvg(svg, {
    font: fontOptions(),
    fitTo: { mode: 'zoom', value: scale },
    ...(background === 'transparent' ? {} : { background }),
    logLevel: 'off',
  });
  return r.render().asPng();
}
