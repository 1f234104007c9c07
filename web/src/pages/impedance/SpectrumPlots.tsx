/** Nyquist (equal axes) and Bode (|Z| and phase against frequency) of one spectrum, with the fit. */
import { useMemo } from 'react';
import { type PlotSeries, SvgPlot } from '../../components/SvgPlot.tsx';
import type { FitDoc, SpectrumDoc } from './types.ts';

export const DATA_COLOR = '#1d4e89';
export const FIT_COLOR = '#c2410c';
const PHASE_COLOR = '#0f766e';

export function SpectrumPlots({ spectrum, fit }: { spectrum: SpectrumDoc; fit: FitDoc | null }) {
  const nyquist = useMemo(() => {
    const s: PlotSeries[] = [
      {
        label: spectrum.file ?? 'data',
        x: spectrum.zReal,
        y: spectrum.zImag.map((v) => -v),
        color: DATA_COLOR,
        kind: 'points',
      },
    ];
    if (fit)
      s.push({
        label: `fit: ${fit.circuit}`,
        x: fit.curve.zReal,
        y: fit.curve.zImag.map((v) => -v),
        color: FIT_COLOR,
        kind: 'line',
        width: 2,
      });
    return s;
  }, [spectrum, fit]);

  const bode = useMemo(() => {
    const mod = (re: number[], im: number[]) => re.map((r, i) => Math.hypot(r, im[i]));
    const phase = (re: number[], im: number[]) => re.map((r, i) => (Math.atan2(im[i], r) * 180) / Math.PI);
    const f = spectrum.frequencyHz;
    const magnitude: PlotSeries[] = [
      { label: '|Z| data', x: f, y: mod(spectrum.zReal, spectrum.zImag), color: DATA_COLOR, kind: 'points' },
    ];
    const phaseSeries: PlotSeries[] = [
      {
        label: 'phase data',
        x: f,
        y: phase(spectrum.zReal, spectrum.zImag),
        color: PHASE_COLOR,
        kind: 'points',
      },
    ];
    if (fit) {
      magnitude.push({
        label: '|Z| fit',
        x: fit.curve.frequencyHz,
        y: mod(fit.curve.zReal, fit.curve.zImag),
        color: FIT_COLOR,
        kind: 'line',
        width: 2,
      });
      phaseSeries.push({
        label: 'phase fit',
        x: fit.curve.frequencyHz,
        y: phase(fit.curve.zReal, fit.curve.zImag),
        color: FIT_COLOR,
        kind: 'line',
        width: 2,
      });
    }
    return { magnitude, phaseSeries };
  }, [spectrum, fit]);

  return (
    <div className="plot-pair">
      <div>
        <SvgPlot
          testId="nyquist-plot"
          series={nyquist}
          x={{ label: 'Z′ (Ω)' }}
          y={{ label: '−Z″ (Ω)' }}
          equalAspect
          height={380}
          readout={['Z′', '−Z″']}
        />
        <p className="plot-hint">
          Nyquist, equal axes (1 Ω spans the same length on both). Drag a box to zoom, double-click to reset.
        </p>
      </div>
      <div>
        <SvgPlot
          testId="bode-modulus"
          series={bode.magnitude}
          x={{ label: 'Frequency (Hz)', log: true }}
          y={{ label: '|Z| (Ω)', log: true }}
          height={190}
          readout={['f', '|Z|']}
        />
        <SvgPlot
          testId="bode-phase"
          series={bode.phaseSeries}
          x={{ label: 'Frequency (Hz)', log: true }}
          y={{ label: 'Phase (°)' }}
          height={190}
          readout={['f', 'φ']}
        />
      </div>
    </div>
  );
}
