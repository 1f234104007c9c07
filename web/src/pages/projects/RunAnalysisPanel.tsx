/**
 * "Run analysis": pick any registered operation, fill the form generated from its input schema
 * (file fields take the project's datasets), and run it as a saved analysis through the job route.
 * A saved analysis re-opened here fills the form with its parameters and seed.
 */
import { useEffect, useMemo, useState } from 'react';
import { Card } from '../../components/Card.tsx';
import { type FileSource, OpForm } from '../../components/OpForm.tsx';
import { type Analysis, type Dataset, type JobMode, type OpInfo, platformApi } from './platformApi.ts';

export interface Reopen {
  analysis: Analysis;
  /** Changes on every "edit & re-run" click, so the same analysis can be re-opened twice. */
  nonce: number;
}

export function RunAnalysisPanel(props: {
  ops: OpInfo[];
  datasets: Dataset[];
  distributed: boolean;
  reopen: Reopen | null;
  onRun(operationId: string, input: Record<string, unknown>, seed: number, mode: JobMode): Promise<void>;
}) {
  const { ops, datasets, reopen } = props;
  const [opId, setOpId] = useState('');
  const [seed, setSeed] = useState('1');
  const [mode, setMode] = useState<JobMode>('local');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    if (!reopen) return;
    setOpId(reopen.analysis.operationId);
    setSeed(String(reopen.analysis.seed));
    setNote(`Parameters of the saved ${reopen.analysis.operationId} analysis; change them and run again.`);
  }, [reopen]);

  const op = ops.find((o) => o.id === opId);
  const files: FileSource[] = useMemo(
    () =>
      datasets.map((d) => ({
        id: d.id,
        name: d.name,
        format: d.format,
        load: () => platformApi.datasetBytes(d.id),
      })),
    [datasets],
  );
  const seedOk = /^-?\d+$/.test(seed.trim());
  const initial = reopen && reopen.analysis.operationId === opId ? reopen.analysis.params : undefined;

  async function run(input: Record<string, unknown>) {
    if (!op || !seedOk) return;
    setBusy(true);
    try {
      await props.onRun(op.id, input, Number(seed), op.sweep && props.distributed ? mode : 'local');
      setNote(`${op.id} submitted; it is saved under "Saved analyses".`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Run analysis" testId="run-analysis">
      <div className="run-head">
        <label className="field">
          Operation
          <select
            value={opId}
            onChange={(e) => {
              setOpId(e.target.value);
              setNote(null);
            }}
          >
            <option value="">— choose an operation —</option>
            {ops.map((o) => (
              <option key={o.id} value={o.id}>
                {o.id} — {o.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field narrow">
          seed
          <input value={seed} onChange={(e) => setSeed(e.target.value)} aria-invalid={!seedOk || undefined} />
        </label>
        {op?.sweep && props.distributed && (
          <label className="field">
            run on
            <select value={mode} onChange={(e) => setMode(e.target.value as JobMode)}>
              <option value="local">this server (worker threads)</option>
              <option value="distributed">distributed workers (Redis)</option>
            </select>
          </label>
        )}
      </div>
      {!seedOk && <p className="op-form-error">The seed must be a whole number.</p>}
      {!op ? (
        <p className="muted">
          Every operation of the registry can be run here; its form is generated from the operation's input
          schema, and file fields take the datasets uploaded above.
        </p>
      ) : (
        <>
          <p className="muted run-description">{op.description}</p>
          <OpForm
            key={`${op.id}-${reopen?.nonce ?? 0}`}
            schema={op.inputSchema}
            files={files}
            initial={initial}
            busy={busy}
            submitLabel={op.long ? 'Start job' : 'Run and save'}
            onSubmit={run}
          />
        </>
      )}
      {note && (
        <p className="muted" data-testid="run-note">
          {note}
        </p>
      )}
    </Card>
  );
}
