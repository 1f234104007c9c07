/** The sidebar: electrolyte, temperature, stack pressure, membrane thickness, flaw and the current protocol. */
import { useEffect, useState } from 'react';
import type { ElectrolyteInfo } from './interfaceApi.ts';
import { type CellSettings, PROTOCOL_LABELS, type ProtocolKind } from './settings.ts';

export interface CellControlsProps {
  settings: CellSettings;
  electrolytes: ElectrolyteInfo[];
  onChange: (s: CellSettings) => void;
  onRun: () => void;
  running: boolean;
}

export function CellControls({ settings, electrolytes, onChange, onRun, running }: CellControlsProps) {
  const set = (patch: Partial<CellSettings>) => onChange({ ...settings, ...patch });
  return (
    <div className="if-controls">
      <label className="field">
        <span>Electrolyte</span>
        <select
          data-testid="electrolyte-select"
          value={settings.electrolyte}
          onChange={(e) => set({ electrolyte: e.target.value })}
        >
          {(electrolytes.length ? electrolytes : [{ id: settings.electrolyte, label: '', ion: '' }]).map(
            (el) => (
              <option key={el.id} value={el.id}>
                {el.id}
                {el.label ? ` — ${el.label}` : ''}
              </option>
            ),
          )}
        </select>
      </label>
      <SliderField
        id="temperature"
        label="Temperature"
        unit="°C"
        value={settings.T_C}
        min={-20}
        max={150}
        step={1}
        onCommit={(v) => set({ T_C: v })}
      />
      <SliderField
        id="pressure"
        label="Stack pressure"
        unit="MPa"
        value={settings.pressure_MPa}
        min={0}
        max={20}
        step={0.1}
        onCommit={(v) => set({ pressure_MPa: v })}
      />
      <SliderField
        id="thickness"
        label="Membrane thickness"
        unit="µm"
        value={settings.thickness_um}
        min={10}
        max={2000}
        step={10}
        onCommit={(v) => set({ thickness_um: v })}
      />
      <div className="if-flaw">
        <label className="toggle">
          <input
            type="checkbox"
            data-testid="flaw-toggle"
            checked={settings.flawSize_um !== null}
            onChange={(e) => set({ flawSize_um: e.target.checked ? 10 : null })}
          />
          <span>Set the largest surface flaw</span>
        </label>
        {settings.flawSize_um === null ? (
          <p className="if-note">Model default: the Weibull scale of the flaw distribution.</p>
        ) : (
          <SliderField
            id="flaw"
            label="Flaw size"
            unit="µm"
            value={settings.flawSize_um}
            min={1}
            max={200}
            step={1}
            onCommit={(v) => set({ flawSize_um: v })}
          />
        )}
      </div>
      <fieldset className="if-ramp" data-testid="protocol-fieldset">
        <legend>Current protocol</legend>
        <div className="if-protocols" role="radiogroup" aria-label="Current protocol">
          {(Object.keys(PROTOCOL_LABELS) as ProtocolKind[]).map((kind) => (
            <label key={kind} className={`if-protocol${settings.protocol === kind ? ' active' : ''}`}>
              <input
                type="radio"
                name="protocol"
                value={kind}
                data-testid={`protocol-${kind}`}
                checked={settings.protocol === kind}
                onChange={() => set({ protocol: kind })}
              />
              <span>{PROTOCOL_LABELS[kind]}</span>
            </label>
          ))}
        </div>
        {settings.protocol === 'step-ramp' && (
          <>
            <p className="if-note">Steps of rising current; half of each step at +j, half at −j.</p>
            <NumberInput
              id="ramp-start"
              label="Start"
              unit="mA/cm²"
              value={settings.start_mA_cm2}
              step={0.01}
              onCommit={(v) => set({ start_mA_cm2: v })}
            />
            <NumberInput
              id="ramp-step"
              label="Step"
              unit="mA/cm²"
              value={settings.step_mA_cm2}
              step={0.01}
              onCommit={(v) => set({ step_mA_cm2: v })}
            />
            <NumberInput
              id="ramp-duration"
              label="Step duration"
              unit="min"
              value={settings.stepDuration_min}
              step={1}
              onCommit={(v) => set({ stepDuration_min: v })}
            />
          </>
        )}
        {settings.protocol === 'linear-ramp' && (
          <>
            <p className="if-note">
              j = rate·t in one direction (Lowack-type j_crit test); CCD at the onset of non-linearity.
            </p>
            <NumberInput
              id="linear-rate"
              label="Rate"
              unit="mA/cm² per h"
              value={settings.rampRate_mA_cm2_per_h}
              step={0.01}
              onCommit={(v) => set({ rampRate_mA_cm2_per_h: v })}
            />
            <NumberInput
              id="linear-max"
              label="Up to"
              unit="mA/cm²"
              value={settings.rampMax_mA_cm2}
              step={0.1}
              onCommit={(v) => set({ rampMax_mA_cm2: v })}
            />
          </>
        )}
        {settings.protocol === 'cycling' && (
          <>
            <p className="if-note">
              ±j; each half cycle passes the areal capacity (half-cycle time = capacity/j).
            </p>
            <NumberInput
              id="cycle-current"
              label="Current"
              unit="mA/cm²"
              value={settings.cycleCurrent_mA_cm2}
              step={0.01}
              onCommit={(v) => set({ cycleCurrent_mA_cm2: v })}
            />
            <NumberInput
              id="cycle-capacity"
              label="Capacity"
              unit="mAh/cm²"
              value={settings.cycleCapacity_mAh_cm2}
              step={0.01}
              onCommit={(v) => set({ cycleCapacity_mAh_cm2: v })}
            />
            <NumberInput
              id="cycle-duration"
              label="Duration"
              unit="h"
              value={settings.cycleDuration_h}
              step={1}
              onCommit={(v) => set({ cycleDuration_h: v })}
            />
          </>
        )}
      </fieldset>
      <button
        type="button"
        className="button primary if-run"
        data-testid="run"
        onClick={onRun}
        disabled={running}
      >
        {running ? 'Running…' : 'Run simulation'}
      </button>
    </div>
  );
}

/** A range slider with a number box beside it; the box accepts any number (the server validates). */
function SliderField(props: {
  id: string;
  label: string;
  unit: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onCommit: (v: number) => void;
}) {
  return (
    <div className="if-slider">
      <div className="if-slider-head">
        <span>{props.label}</span>
        <NumberInput
          id={props.id}
          label=""
          unit={props.unit}
          value={props.value}
          step={props.step}
          onCommit={props.onCommit}
        />
      </div>
      <input
        type="range"
        aria-label={`${props.label} (${props.unit})`}
        data-testid={`${props.id}-slider`}
        min={props.min}
        max={props.max}
        step={props.step}
        value={Math.min(props.max, Math.max(props.min, props.value))}
        onChange={(e) => props.onCommit(Number(e.target.value))}
      />
    </div>
  );
}

/** A number box that reports only finished edits (blur or Enter). */
function NumberInput(props: {
  id: string;
  label: string;
  unit: string;
  value: number;
  step: number;
  onCommit: (v: number) => void;
}) {
  const [text, setText] = useState(String(props.value));
  useEffect(() => setText(String(props.value)), [props.value]);
  const commit = () => {
    const v = Number(text);
    if (text.trim() !== '' && Number.isFinite(v)) {
      if (v !== props.value) props.onCommit(v);
    } else setText(String(props.value));
  };
  return (
    <label className={`field narrow if-number${props.label ? '' : ' bare'}`}>
      {props.label && <span>{props.label}</span>}
      <span className="if-number-box">
        <input
          type="number"
          data-testid={`${props.id}-input`}
          aria-label={props.label || props.id}
          value={text}
          step={props.step}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
        <span className="unit">{props.unit}</span>
      </span>
    </label>
  );
}
