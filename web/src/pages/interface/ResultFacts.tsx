/** The key numbers of a simulation with the method and caveat text that goes with them. */
import type { SimulateResult } from './interfaceApi.ts';
import { sig } from './settings.ts';

export function ResultFacts({ result }: { result: SimulateResult }) {
  const f = result.failure;
  return (
    <div data-testid="result-facts">
      <dl className="facts if-facts">
        <Fact
          id="ccd"
          label="CCD (read off the trace)"
          value={result.ccd_mA_cm2 === null ? 'no failure' : sig(result.ccd_mA_cm2)}
          unit="mA/cm²"
        />
        <Fact
          id="short"
          label="Time to short"
          value={result.shortAt_h === null ? 'no short' : sig(result.shortAt_h)}
          unit="h"
        />
        <Fact id="asr" label="Interfacial ASR (one electrode)" value={sig(result.asr_ohm_cm2)} unit="Ω·cm²" />
        <Fact id="cell-asr" label="Cell ASR" value={sig(result.cellAsr_ohm_cm2)} unit="Ω·cm²" />
        <Fact
          id="electrolyte-asr"
          label="Electrolyte ASR"
          value={sig(result.electrolyteAsr_ohm_cm2)}
          unit="Ω·cm²"
        />
        <Fact
          id="sigma"
          label="Electrolyte σ (NASICON dataset)"
          value={sig(result.electrolyteSigma_S_per_cm * 1e3)}
          unit="mS/cm"
        />
        <Fact
          id="jstrip"
          label="Critical stripping current"
          value={sig(result.criticalStrippingCurrent_mA_cm2)}
          unit="mA/cm²"
        />
        <Fact id="contact" label="Steady contact fraction" value={sig(result.contactFraction)} unit="" />
        <Fact
          id="eta"
          label="Flaw critical overpotential"
          value={sig(result.flawCriticalOverpotential_mV)}
          unit="mV"
        />
        <Fact
          id="pmin"
          label="Min. stack pressure at CCD"
          value={sig(result.minimumStackPressureAtCcd_MPa)}
          unit="MPa"
        />
      </dl>
      <ul className="if-notes">
        {f && (
          <li data-testid="failure-text">
            <strong>
              Failure ({f.mode}) at {sig(f.time_s / 3600)} h, {sig(f.current_mA_cm2)} mA/cm², electrode{' '}
              {f.electrode}:
            </strong>{' '}
            {f.explanation}.
          </li>
        )}
        <li>
          <strong>CCD read-off:</strong> {result.ccdMethod}
          {result.ccdCriterion ? ` (criterion met: ${result.ccdCriterion})` : ''}. Model failure current:{' '}
          {result.modelCcd_mA_cm2 === null ? 'none' : `${sig(result.modelCcd_mA_cm2)} mA/cm²`}.
        </li>
        <li data-testid="sigma-source">
          <strong>Electrolyte conductivity:</strong> {conductivityNote(result)}
        </li>
        <li>
          <strong>ASR:</strong> {result.asrConvention}; the cell ASR adds the electrolyte and both interfaces.
        </li>
        <li>
          <strong>Critical stripping current:</strong> the current above which creep of the metal at this
          pressure and temperature can no longer refill the stripped volume, so voids grow.
        </li>
        <li>
          <strong>Monroe–Newman:</strong> G(electrolyte)/G(metal) = {sig(result.monroeNewman.ratio)}
          {result.monroeNewman.passes ? ' (passes)' : ' (fails)'}. {result.monroeNewman.caveat}
        </li>
      </ul>
    </div>
  );
}

/** Where σ came from: the NASICON module's estimate, its dataset rows and whether it is interpolated. */
function conductivityNote(result: SimulateResult): string {
  const c = result.electrolyteConductivity;
  const rows = c.basis.map(
    (b) => `${b.id}${b.doi ? ` (doi ${b.doi})` : b.reference ? ` (${b.reference})` : ''}`,
  );
  const how = [
    c.interpolated.acrossRows ? `geometric mean of ${c.basis.length} rows` : 'one measurement',
    c.interpolated.acrossCompositions ? 'includes neighbouring compositions' : '',
    c.interpolated.inTemperature
      ? 'moved to this temperature with Arrhenius Ea'
      : 'measured at this temperature',
  ].filter(Boolean);
  return `NASICON dataset estimate for ${c.formula} at ${sig(c.T_K - 273.15)} °C (${how.join('; ')}): ${rows.join(', ')}. ${c.split}.`;
}

function Fact({ id, label, value, unit }: { id: string; label: string; value: string; unit: string }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd data-testid={`fact-${id}`}>
        {value} {unit && value !== '—' && !/^no /.test(value) && <span className="unit">{unit}</span>}
      </dd>
    </div>
  );
}
