/**
 * The file drop target of the Impedance and Cycling pages: drag-and-drop or a hidden multi-file
 * input behind a "choose files" link; highlights while dragging and dims while `busy`.
 */
import { type CSSProperties, useId, useState } from 'react';
import { dropHandlers } from './opsClient.ts';

export function FileDropZone(props: {
  title: string;
  busy: boolean;
  onFiles: (files: File[]) => void;
  style?: CSSProperties;
}) {
  const [dragging, setDragging] = useState(false);
  const inputId = useId();
  return (
    <div
      className={`drop-zone${dragging ? ' dragging' : ''}${props.busy ? ' busy' : ''}`}
      data-testid="drop-zone"
      style={props.style}
      {...dropHandlers(setDragging, props.onFiles)}
    >
      <svg className="drop-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M12 3v12m0 0-4.5-4.5M12 15l4.5-4.5M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
      </svg>
      <p className="drop-title">{props.title}</p>
      <p className="drop-sub">
        or{' '}
        <label htmlFor={inputId} className="link-button">
          choose files
        </label>
      </p>
      <input
        id={inputId}
        type="file"
        multiple
        className="visually-hidden"
        data-testid="file-input"
        onChange={(e) => {
          props.onFiles([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
    </div>
  );
}
