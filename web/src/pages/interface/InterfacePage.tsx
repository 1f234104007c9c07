/**
 * "Interface": a symmetric metal | solid electrolyte | metal cell under a current step ramp
 * (interface.simulate) — schematic, voltage–time trace with its parts and the failure point, key
 * numbers — plus the mitigation comparison (interface.compare), the membrane ASR table and the
 * CCD read-off of a measured trace. A failed request shows a banner and keeps the previous result.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Card } from '../../components/Card.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { CcdReadoffPanel } from './CcdReadoffPanel.tsx';
import { CellControls } from './CellControls.tsx';
import { CellSchematic } from './CellSchematic.tsx';
import {
  type CompareResult,
  type ElectrolyteInfo,
  interfaceApi,
  type MitigationInfo,
  messageOf,
  type SimulateResult,
} from './interfaceApi.ts';
import { MembranePanel } from './MembranePanel.tsx';
import { MitigationPanel } from './MitigationPanel.tsx';
import { ResultFacts } from './ResultFacts.tsx';
import { type CellSettings, cellBody, DEFAULT_CELL, PROTOCOL_LABELS } from './settings.ts';
import { TracePlot } from './TracePlot.tsx';
import './interface.css';

export function InterfacePage() {
  const [settings, setSettings] = useState<CellSettings>(DEFAULT_CELL);
  const [electrolytes, setElectrolytes] = useState<ElectrolyteInfo[]>([]);
  const [catalogue, setCatalogue] = useState<MitigationInfo[]>([]);
  const [sim, setSim] = useState<SimulateResult | null>(null);
  /** The settings of the shown simulation: the schematic draws its voids and failure only while they still apply. */
  const [simSettings, setSimSettings] = useState<CellSettings | null>(null);
  const [running, setRunning] = useState(false);
  const [selected, setSelected] = useState<string[]>(['au-interlayer', 'stack-pressure-9mpa']);
  const [combine, setCombine] = useState(false);
  const [comparison, setComparison] = useState<CompareResult | null>(null);
  const [comparing, setComparing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(settings);
  latest.current = settings;

  const showError = useCallback((message: string) => setError(message), []);

  useEffect(() => {
    Promise.all([interfaceApi.electrolytes(), interfaceApi.mitigations()])
      .then(([e, m]) => {
        setElectrolytes(e);
        setCatalogue(m);
      })
      .catch((err) => setError(`Could not load the catalogues: ${messageOf(err)}`));
  }, []);

  async function run() {
    setRunning(true);
    try {
      const used = latest.current;
      setSim(await interfaceApi.simulate(cellBody(used)));
      setSimSettings(used);
      setError(null);
    } catch (err) {
      setError(`Could not simulate the cell: ${messageOf(err)}`);
    } finally {
      setRunning(false);
    }
  }

  async function compare() {
    setComparing(true);
    const strategies = combine && selected.length > 1 ? [...selected, selected.join('+')] : selected;
    try {
      setComparison(await interfaceApi.compare({ ...cellBody(latest.current), strategies }));
      setError(null);
    } catch (err) {
      setError(`Could not compare the strategies: ${messageOf(err)}`);
    } finally {
      setComparing(false);
    }
  }

  // A file dropped next to a drop zone must not make the browser navigate away from the page.
  useEffect(() => {
    const stop = (e: DragEvent) => e.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  const metal = electrolytes.find((e) => e.id === settings.electrolyte)?.ion ?? 'Na';
  const shown = sim?.conditions;
  const last = sim ? sim.trace.contactFractionA.length - 1 : -1;
  const current = sim !== null && simSettings === settings ? sim : null;

  return (
    <div className="interface-page">
      <p className="page-intro">
        Simulate a symmetric {metal} | solid electrolyte | {metal} cell under a step ramp, a linear ramp or
        galvanostatic cycling: where the voltage goes (electrolyte, interface, voids), when and why the cell
        fails, and what the mitigation strategies of the literature change. The electrolyte conductivity comes
        from the NASICON dataset; parameters and sources: data/interface/*.json and docs/interface.md.
      </p>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      <div className="layout">
        <aside className="sidebar">
          <Card title="Cell and protocol">
            <CellControls
              settings={settings}
              electrolytes={electrolytes}
              onChange={setSettings}
              onRun={run}
              running={running}
            />
          </Card>
        </aside>
        <div className="content">
          <Card
            title="Cell"
            actions={
              <span className="card-hint">
                {current
                  ? 'voids and failure of the simulation below'
                  : sim
                    ? 'settings changed since the last run: press Run to update'
                    : 'layer widths follow the thickness (log scale)'}
              </span>
            }
          >
            <CellSchematic
              metal={metal}
              electrolyte={settings.electrolyte}
              thickness_um={settings.thickness_um}
              pressure_MPa={settings.pressure_MPa}
              T_C={settings.T_C}
              contact={
                current
                  ? { A: current.trace.contactFractionA[last], B: current.trace.contactFractionB[last] }
                  : null
              }
              failedElectrode={current?.failure?.electrode ?? null}
              flawSize_um={current ? current.conditions.flawSize_um : null}
              shorted={current?.failure?.mode === 'short'}
            />
          </Card>
          <Card
            title={`Symmetric cell, ${(simSettings ? PROTOCOL_LABELS[simSettings.protocol] : PROTOCOL_LABELS[settings.protocol]).toLowerCase()} (simulated)`}
            className={running ? 'computing' : ''}
            testId="simulation-card"
          >
            {sim && shown ? (
              <div
                data-testid="simulation-result"
                data-run={`${shown.electrolyte}|${shown.thickness_um}|${shown.T_K}|${shown.pressure_MPa}`}
                data-protocol={simSettings?.protocol}
              >
                <p className="if-conditions" data-testid="conditions">
                  {shown.metal} | {shown.electrolyte} | {shown.metal}, {sigText(shown.thickness_um)} µm,{' '}
                  {sigText(shown.T_K - 273.15)} °C, {sigText(shown.pressure_MPa)} MPa, largest flaw{' '}
                  {sigText(shown.flawSize_um)} µm — {shown.protocol}
                </p>
                <TracePlot result={sim} />
                <p className="plot-hint">Drag across the plot to zoom in time, double-click to zoom out.</p>
                <ResultFacts result={sim} />
              </div>
            ) : (
              <div className="empty-state if-empty">
                <h2>No simulation yet</h2>
                <p>Set the cell on the left and press “Run simulation”.</p>
              </div>
            )}
          </Card>
          <Card
            title="Mitigation strategies: what if"
            testId="mitigation-card"
            className={comparing ? 'computing' : ''}
          >
            <MitigationPanel
              catalogue={catalogue}
              selected={selected}
              onSelect={setSelected}
              combine={combine}
              onCombine={setCombine}
              onCompare={compare}
              running={comparing}
              result={comparison}
            />
          </Card>
          <div className="row if-row">
            <Card title="Membrane ASR calculator" testId="membrane-card">
              <MembranePanel onError={showError} />
            </Card>
            <Card title="CCD of a measured trace" testId="ccd-card">
              <CcdReadoffPanel onError={showError} />
            </Card>
          </div>
        </div>
      </div>
    </div>
  );
}

function sigText(v: number): string {
  return Number(v.toPrecision(4)).toString();
}
