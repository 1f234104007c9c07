/**
 * CCD read-off of a measured trace: drop or choose a cycler export (Arbin, Maccor, BioLogic, Novonix,
 * generic CSV — current in A, so the electrode diameter is needed) or a CSV with time_s, voltage_V,
 * current_mA_cm2, and read the critical current density with the same method as on the simulated
 * trace (interface.ccd).
 */
import { useState } from 'react';
import { type CcdResult, interfaceApi, messageOf } from './interfaceApi.ts';
import { sig } from './settings.ts';

export function CcdReadoffPanel({ onError }: { onError: (message: string) => void }) {
  const [result, setResult] = useState<CcdResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [diameter, setDiameter] = useState('');

  async function load(file: File) {
    setBusy(true);
    const d = Number(diameter);
    try {
      setResult(
        await interfaceApi.ccd(await file.text(), file.name, diameter.trim() !== '' && d > 0 ? d : undefined),
      );
    } catch (err) {
      onError(`Could not read ${file.name}: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="if-ccd">
      <label className="field narrow if-number if-diameter">
        <span>Electrode diameter (cycler files give current in A)</span>
        <span className="if-number-box">
          <input
            type="number"
            data-testid="ccd-diameter-input"
            aria-label="Electrode diameter (mm)"
            placeholder="e.g. 10"
            value={diameter}
            min={0}
            step={0.5}
            onChange={(e) => setDiameter(e.target.value)}
          />
          <span className="unit">mm</span>
        </span>
      </label>
      <label
        className={`drop-zone if-drop${dragging ? ' dragging' : ''}${busy ? ' busy' : ''}`}
        data-testid="ccd-drop"
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => e.preventDefault()}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const f = e.dataTransfer.files[0];
          if (f) load(f);
        }}
      >
        <span className="drop-title">Drop a measured symmetric-cell trace</span>
        <span className="drop-sub">
          Arbin, Maccor, BioLogic, Novonix export or CSV (time_s, voltage_V, current_mA_cm2) — or click to
          choose
        </span>
        <input
          type="file"
          accept=".csv,.txt,.mpt,.041,.052,text/csv,text/plain"
          className="visually-hidden"
          data-testid="ccd-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) load(f);
            e.target.value = '';
          }}
        />
      </label>
      {result && (
        <div data-testid="ccd-result" data-file={result.file} data-verdict={result.verdict}>
          <dl className="facts">
            <div className="fact">
              <dt>CCD</dt>
              <dd data-testid="ccd-measured">
                {result.ccd_mA_cm2 === null
                  ? result.verdict === 'no-failure'
                    ? 'above the trace'
                    : 'not read'
                  : sig(result.ccd_mA_cm2)}{' '}
                {result.ccd_mA_cm2 !== null && <span className="unit">mA/cm²</span>}
              </dd>
            </div>
            <div className="fact">
              <dt>Last stable step</dt>
              <dd>
                {sig(result.lastStableCurrent_mA_cm2)} <span className="unit">mA/cm²</span>
              </dd>
            </div>
            <div className="fact">
              <dt>Criterion</dt>
              <dd>{result.criterion ?? '—'}</dd>
            </div>
            <div className="fact">
              <dt>Points</dt>
              <dd>{result.points}</dd>
            </div>
          </dl>
          <p className="if-method" data-testid="ccd-message">
            <strong>
              {result.file} ({result.reader}
              {result.area_cm2 === null ? '' : `, ${sig(result.area_cm2)} cm²`}):
            </strong>{' '}
            {result.message}.
            {result.verdict === 'ccd' || result.verdict === 'no-failure' ? ` ${result.method}` : ''}
          </p>
        </div>
      )}
    </div>
  );
}
