/** Source, Kα2, 2θ range and CSV export for the simulated pattern. */
import { useEffect, useState } from 'react';
import { SOURCES, type Source, type XrdSettings } from './xrdSettings.ts';

export interface XrdControlsProps {
  settings: XrdSettings;
  onChange: (s: XrdSettings) => void;
  onDownload: () => void;
  canDownload: boolean;
  wavelength?: number;
}

export function XrdControls({ settings, onChange, onDownload, canDownload, wavelength }: XrdControlsProps) {
  const set = (patch: Partial<XrdSettings>) => onChange({ ...settings, ...patch });
  const isCu = settings.source === 'CuKa';
  return (
    <div className="xrd-controls">
      <label className="field">
        <span>Source</span>
        <select
          data-testid="source-select"
          value={settings.source}
          onChange={(e) => set({ source: e.target.value as Source })}
        >
          {SOURCES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
              {s.wavelength ? ` (${s.wavelength} Å)` : ''}
            </option>
          ))}
        </select>
      </label>
      {settings.source === 'custom' && (
        <NumberField
          label="λ (Å)"
          value={settings.customWavelength}
          min={0.1}
          max={5}
          step={0.0001}
          onCommit={(v) => set({ customWavelength: v })}
        />
      )}
      <label
        className={`toggle${isCu ? '' : ' disabled'}`}
        title={isCu ? '' : 'Kα2 is available for Cu only'}
      >
        <input
          type="checkbox"
          data-testid="kalpha2"
          checked={isCu && settings.kalpha2}
          disabled={!isCu}
          onChange={(e) => set({ kalpha2: e.target.checked })}
        />
        <span>Kα2</span>
      </label>
      <NumberField
        label="2θ from (°)"
        value={settings.twoThetaMin}
        min={0}
        max={179}
        step={1}
        onCommit={(v) => set({ twoThetaMin: v })}
      />
      <NumberField
        label="to (°)"
        value={settings.twoThetaMax}
        min={1}
        max={180}
        step={1}
        onCommit={(v) => set({ twoThetaMax: v })}
      />
      {wavelength !== undefined && <span className="lambda">λ = {wavelength.toFixed(5)} Å</span>}
      <button
        type="button"
        className="button"
        data-testid="download-csv"
        onClick={onDownload}
        disabled={!canDownload}
      >
        Download CSV
      </button>
    </div>
  );
}

/** A number input that reports only finished edits (blur or Enter), not every keystroke. */
function NumberField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onCommit: (v: number) => void;
}) {
  const [text, setText] = useState(String(props.value));
  useEffect(() => setText(String(props.value)), [props.value]);
  const commit = () => {
    const v = Number(text);
    if (text.trim() !== '' && Number.isFinite(v) && v !== props.value) props.onCommit(v);
    else setText(String(props.value));
  };
  return (
    <label className="field narrow">
      <span>{props.label}</span>
      <input
        type="number"
        value={text}
        min={props.min}
        max={props.max}
        step={props.step}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </label>
  );
}
