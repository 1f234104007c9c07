/**
 * "Structure & XRD": load a CIF, see its cell, sites and 3-D structure, and its simulated powder
 * pattern. A failed load or calculation shows a banner and leaves the previous result in place.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, type CifResponse, isAbort, type XrdResponse } from '../../api.ts';
import { Card } from '../../components/Card.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { CrystalView } from './CrystalView.tsx';
import { LoadPanel } from './LoadPanel.tsx';
import { PeakTable } from './PeakTable.tsx';
import { downloadText, peaksToCsv } from './peaksCsv.ts';
import { SiteTable } from './SiteTable.tsx';
import { StructureSummaryView } from './StructureSummaryView.tsx';
import { XrdControls } from './XrdControls.tsx';
import { XrdPlot } from './XrdPlot.tsx';
import { DEFAULT_SETTINGS, sourceTag, type XrdSettings, xrdRequest } from './xrdSettings.ts';

interface Loaded {
  cif: string;
  fileName: string;
  result: CifResponse;
}

interface Pattern {
  fileName: string;
  settings: XrdSettings;
  response: XrdResponse;
}

export function StructureXrdPage() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [settings, setSettings] = useState<XrdSettings>(DEFAULT_SETTINGS);
  const [pattern, setPattern] = useState<Pattern | null>(null);
  const [busy, setBusy] = useState(false);
  const [computing, setComputing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const showError = useCallback((message: string) => setError(message), []);

  const loadCif = useCallback(async (cif: string, fileName: string) => {
    setBusy(true);
    try {
      const result = await api.analyseCif(cif, fileName);
      setLoaded({ cif, fileName, result });
      setError(null);
    } catch (err) {
      // The reader's message usually starts with the file name already; say it once.
      const message = messageOf(err).replace(new RegExp(`^${escapeRegExp(fileName)}(, |: )`), '');
      setError(`Could not load ${fileName}: ${message}`);
    } finally {
      setBusy(false);
    }
  }, []);

  // Recompute the pattern whenever the structure or the settings change; a newer request
  // cancels an older one so a slow answer cannot overwrite a newer one.
  useEffect(() => {
    if (!loaded) return;
    const controller = new AbortController();
    setComputing(true);
    api
      .simulateXrd(xrdRequest(loaded.cif, loaded.fileName, settings), controller.signal)
      .then((response) => {
        setPattern({ fileName: loaded.fileName, settings, response });
        setComputing(false);
      })
      .catch((err) => {
        if (isAbort(err)) return;
        setError(`Could not simulate the pattern: ${messageOf(err)}`);
        setComputing(false);
      });
    return () => controller.abort();
  }, [loaded, settings]);

  // A file dropped next to the drop zone must not make the browser navigate away from the page.
  useEffect(() => {
    const stop = (e: DragEvent) => e.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  function downloadCsv() {
    if (!pattern) return;
    const base = pattern.fileName.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_') || 'structure';
    downloadText(
      peaksToCsv(pattern.response.pattern.peaks),
      `${base}_xrd_${sourceTag(pattern.settings)}.csv`,
    );
  }

  return (
    <div className="structure-xrd">
      <p className="page-intro">
        Load a crystal structure (CIF) to inspect its cell, sites and 3-D arrangement, and to simulate its
        powder X-ray diffraction pattern.
      </p>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      <div className="layout">
        <aside className="sidebar">
          <Card title="Load a structure">
            <LoadPanel busy={busy} onLoad={loadCif} onError={showError} />
          </Card>
        </aside>
        <div className="content" data-structure={loaded?.fileName}>
          {loaded ? (
            <>
              <div className="row">
                <Card
                  title="Unit cell"
                  className="viewer-card"
                  actions={
                    <span className="card-hint">drag to rotate · scroll to zoom · right-drag to pan</span>
                  }
                >
                  <CrystalView scene={loaded.result.scene} />
                </Card>
                <Card title="Structure" className="structure-card">
                  <StructureSummaryView summary={loaded.result.summary} fileName={loaded.fileName} />
                  <h3 className="subhead">Sites ({loaded.result.summary.sites.length}, asymmetric unit)</h3>
                  <SiteTable sites={loaded.result.summary.sites} />
                </Card>
              </div>
              <Card
                title="Powder X-ray diffraction (simulated)"
                className={`xrd-card${computing ? ' computing' : ''}`}
                testId="xrd-card"
              >
                <XrdControls
                  settings={settings}
                  onChange={setSettings}
                  onDownload={downloadCsv}
                  canDownload={!!pattern}
                  wavelength={pattern?.response.pattern.wavelength}
                />
                {pattern && (
                  <div data-pattern-for={pattern.fileName} data-testid="xrd-result">
                    <XrdPlot
                      pattern={pattern.response.pattern}
                      twoThetaMin={pattern.settings.twoThetaMin}
                      twoThetaMax={pattern.settings.twoThetaMax}
                    />
                    <p className="plot-hint">
                      Drag across the plot to zoom in 2θ, double-click to zoom out; hover a line for its hkl.
                    </p>
                    <PeakTable peaks={pattern.response.pattern.peaks} />
                  </div>
                )}
              </Card>
            </>
          ) : (
            <div className="empty-state">
              <h2>No structure loaded</h2>
              <p>
                Drop a CIF file on the left, choose one from disk, paste its text, or start from an example.
              </p>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
