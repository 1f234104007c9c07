/** Ways to bring a CIF in: drop a file, pick one, paste text, or open a bundled example. */
import { type DragEvent, useEffect, useId, useState } from 'react';
import { api, type ExampleInfo } from '../../api.ts';

const MAX_BYTES = 20 * 1024 * 1024;

export interface LoadPanelProps {
  busy: boolean;
  onLoad: (cif: string, fileName: string) => void;
  onError: (message: string) => void;
}

export function LoadPanel({ busy, onLoad, onError }: LoadPanelProps) {
  const [dragging, setDragging] = useState(false);
  const [pasted, setPasted] = useState('');
  const [examples, setExamples] = useState<ExampleInfo[]>([]);
  const inputId = useId();

  useEffect(() => {
    api
      .listExamples()
      .then(setExamples, (err: Error) => onError(`Could not list the examples: ${err.message}`));
  }, [onError]);

  async function readFile(file: File | undefined) {
    if (!file) return onError('Nothing to load: the drop did not contain a file.');
    if (file.size > MAX_BYTES)
      return onError(`${file.name} is larger than 20 MB; the server will not accept it.`);
    onLoad(await file.text(), file.name);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    const text = file ? undefined : e.dataTransfer.getData('text/plain');
    if (text) onLoad(text, 'dropped text');
    else void readFile(file);
  }

  async function openExample(name: string) {
    try {
      onLoad(await api.getExample(name), name);
    } catch (err) {
      onError(`Could not open the example ${name}: ${(err as Error).message}`);
    }
  }

  return (
    <div className="load-panel">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target has no keyboard role; the file input inside is the accessible path */}
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}${busy ? ' busy' : ''}`}
        data-testid="drop-zone"
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <svg className="drop-icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 3v12m0 0-4.5-4.5M12 15l4.5-4.5M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
        </svg>
        <p className="drop-title">{busy ? 'Reading…' : 'Drop a CIF file here'}</p>
        <p className="drop-sub">
          or{' '}
          <label htmlFor={inputId} className="link-button">
            choose a file
          </label>
        </p>
        <input
          id={inputId}
          type="file"
          accept=".cif,.mcif,text/plain,chemical/x-cif"
          className="visually-hidden"
          data-testid="file-input"
          onChange={(e) => {
            void readFile(e.target.files?.[0]);
            e.target.value = ''; // so choosing the same file again still fires
          }}
        />
      </div>

      {examples.length > 0 && (
        <div className="examples">
          <h3>Examples</h3>
          <ul>
            {examples.map((ex) => (
              <li key={ex.name}>
                <button
                  type="button"
                  className="example"
                  data-testid={`example-${ex.name}`}
                  title={ex.description}
                  disabled={busy}
                  onClick={() => void openExample(ex.name)}
                >
                  <span className="example-title">{ex.title}</span>
                  <span className="example-desc">{ex.description}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      <details className="paste">
        <summary>Paste CIF text</summary>
        <textarea
          data-testid="paste-textarea"
          spellCheck={false}
          placeholder={'data_example\n_cell_length_a 5.43\n…'}
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          rows={8}
        />
        <button
          type="button"
          className="button primary"
          data-testid="paste-load"
          disabled={busy || pasted.trim() === ''}
          onClick={() => onLoad(pasted, 'pasted.cif')}
        >
          Load pasted CIF
        </button>
      </details>
    </div>
  );
}
