/**
 * The sliders of the seeded stacking generator (φ₂, α, β, number of slabs), shared by the Layered
 * oxides and Gliding pages. Pages differ only in ranges and shown decimals; a page whose model fixes
 * β (Markov) passes `betaFixedNote` and the β slider is disabled with that note.
 */
import { Slider } from './Slider.tsx';

export interface GeneratorTargets {
  phi2: number;
  alpha: number;
  beta: number;
  layers: number;
}

export function GeneratorSliders(props: {
  value: GeneratorTargets;
  onChange: (patch: Partial<GeneratorTargets>) => void;
  phi2Range: [number, number];
  layersRange: [number, number];
  /** Decimals shown for φ₂ and β (α always 3). */
  digits?: { phi2?: number; beta?: number };
  betaFixedNote?: string;
}) {
  const g = props.value;
  const set = props.onChange;
  return (
    <>
      <Slider
        label="φ₂ (2-type fraction)"
        testId="gen-phi2"
        value={g.phi2}
        min={props.phi2Range[0]}
        max={props.phi2Range[1]}
        step={0.01}
        digits={props.digits?.phi2}
        onChange={(v) => set({ phi2: v })}
      />
      <Slider
        label="α (interphases per interlayer)"
        testId="gen-alpha"
        value={g.alpha}
        min={0.01}
        max={0.5}
        step={0.005}
        digits={3}
        onChange={(v) => set({ alpha: v })}
      />
      <Slider
        label="β (CV of interphase spacings)"
        testId="gen-beta"
        value={g.beta}
        min={0}
        max={1.5}
        step={0.01}
        digits={props.digits?.beta}
        disabled={props.betaFixedNote !== undefined}
        note={props.betaFixedNote}
        onChange={(v) => set({ beta: v })}
      />
      <Slider
        label="layers (slabs)"
        testId="gen-layers"
        value={g.layers}
        min={props.layersRange[0]}
        max={props.layersRange[1]}
        step={10}
        digits={0}
        onChange={(v) => set({ layers: v })}
      />
    </>
  );
}
