/**
 * CCD read-off of a measured trace: drop or choose a CSV (time_s, voltage_V, current_mA_cm2) and
 * read the critical current density with the same method as on the simulated trace (interface.ccd).
 */
import { useState } from 'react';
import { type CcdResult, interfaceApi, messageOf } from './interfaceApi.ts';
import { sig } from './settings.ts';

export function CcdReadoffPanel({ onError }: { onError: (message: string) => void }) {
  const [result, setResult] = useState<CcdResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);

  async function load(file: File) {
    setBusy(true);
    try {
      setResult(await interfaceApi.ccd(await file.text(), file.name));
    } catch (err) {
      onError(`Could not read ${file.name}: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="if-ccd">
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
        <span className="drop-title">Drop a measured trace (CSV)</span>
        <span className="drop-sub">columns time_s, voltage_V, current_mA_cm2 — or click to choose</span>
        <input
          type="file"
          accept=".csv,.txt,text/csv"
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
        <div data-testid="ccd-result" data-file={result.file}>
          <dl className="facts">
            <div className="fact">
              <dt>CCD</dt>
              <dd data-testid="ccd-measured">
                {result.ccd_mA_cm2 === null ? 'no failure' : sig(result.ccd_mA_cm2)}{' '}
                <span className="unit">mA/cm²</span>
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
          <p className="if-method">
            <strong>{result.file}.</strong> {result.method}
          </p>
        </div>
      )}
    </div>
  );
}
