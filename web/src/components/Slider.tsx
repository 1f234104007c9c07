/**
 * A labelled range slider with its value printed beside the label (used by the stacking-generator
 * controls of the Layered oxides and Gliding pages). Disabled sliders show "—" and an optional note.
 */
import './slider.css';

export function Slider(props: {
  label: string;
  testId: string;
  value: number;
  min: number;
  max: number;
  step: number;
  /** Decimals shown (default 3). */
  digits?: number;
  disabled?: boolean;
  note?: string;
  onChange: (v: number) => void;
}) {
  return (
    <label className={`field slider-field${props.disabled ? ' disabled' : ''}`}>
      <span className="slider-head">
        {props.label}
        <output>{props.disabled ? '—' : props.value.toFixed(props.digits ?? 3)}</output>
      </span>
      <input
        type="range"
        data-testid={props.testId}
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
      {props.note && <span className="slider-note">{props.note}</span>}
    </label>
  );
}
