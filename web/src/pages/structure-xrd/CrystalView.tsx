/** React wrapper of the 3-D unit-cell view, with a legend and a message when WebGL is missing. */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { StructureScene } from '../../api.ts';
import {
  type Axis,
  type CrystalViewer,
  createCrystalViewer,
  WebGLUnavailableError,
} from './crystalViewer.ts';

/**
 * `highlightElement` (optional) draws that element's atoms larger, opaque and glowing (e.g. the
 * mobile ion); `overlay` (optional) adds a translucent triangle surface in Cartesian Å.
 */
export function CrystalView({
  scene,
  highlightElement,
  overlay,
  overlayColor,
}: {
  scene: StructureScene;
  highlightElement?: string;
  overlay?: Float32Array | null;
  overlayColor?: string;
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  const labelRefs = {
    a: useRef<HTMLSpanElement>(null),
    b: useRef<HTMLSpanElement>(null),
    c: useRef<HTMLSpanElement>(null),
  };
  const viewerRef = useRef<CrystalViewer | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [atomScale, setAtomScale] = useState(0.45);

  // Create the renderer once; a browser without WebGL gets a message instead of a crash.
  useEffect(() => {
    const box = boxRef.current!;
    try {
      const labels = { a: labelRefs.a.current!, b: labelRefs.b.current!, c: labelRefs.c.current! };
      viewerRef.current = createCrystalViewer(box, labels);
    } catch (err) {
      const why =
        err instanceof WebGLUnavailableError ? 'WebGL is not available in this browser' : String(err);
      setFailure(
        `The 3-D view cannot be shown: ${why}. Enable hardware acceleration to see it; the tables and the XRD pattern are unaffected.`,
      );
    }
    return () => {
      viewerRef.current?.dispose();
      viewerRef.current = null;
    };
  }, []);

  // Highlight first: on mount it only records the element, and later changes keep the camera.
  useEffect(() => viewerRef.current?.setHighlight?.(highlightElement ?? null), [highlightElement]);
  useEffect(() => viewerRef.current?.setScene(scene), [scene]);
  useEffect(() => viewerRef.current?.setOverlay?.(overlay ?? null, overlayColor), [overlay, overlayColor]);
  useEffect(() => viewerRef.current?.setAtomScale(atomScale), [atomScale]);

  const legend = useMemo(() => {
    const seen = new Map<string, string>();
    for (const a of scene.atoms) if (!seen.has(a.element)) seen.set(a.element, a.color);
    return [...seen];
  }, [scene]);
  const hasPartial = scene.atoms.some((a) => a.occupancy < 0.999);

  return (
    <div className="crystal-view" data-testid="crystal-view">
      <div className="crystal-box" ref={boxRef}>
        {(['a', 'b', 'c'] as const).map((axis) => (
          <span key={axis} ref={labelRefs[axis]} className={`axis-label axis-${axis}`}>
            {axis}
          </span>
        ))}
        {failure && (
          <div className="viewer-fallback" data-testid="webgl-unavailable">
            {failure}
          </div>
        )}
      </div>
      <div className="crystal-toolbar">
        <ul className="legend">
          {legend.map(([element, color]) => (
            <li key={element} className="legend-item">
              <span className="swatch" style={{ background: color }} />
              {element}
              {element === highlightElement && ' (highlighted)'}
            </li>
          ))}
          {hasPartial && (
            <li className="legend-item legend-note">
              <span className="swatch partial" /> partly occupied
            </li>
          )}
        </ul>
        <div className="view-buttons">
          {(['a', 'b', 'c'] as Axis[]).map((axis) => (
            <button
              key={axis}
              type="button"
              className="chip"
              onClick={() => viewerRef.current?.viewAlong(axis)}
              disabled={!!failure}
            >
              along {axis}
            </button>
          ))}
          <button
            type="button"
            className="chip"
            onClick={() => viewerRef.current?.resetView()}
            disabled={!!failure}
          >
            reset
          </button>
          <label className="size-slider">
            atom size
            <input
              className="size-slider-input"
              type="range"
              min={0.15}
              max={1}
              step={0.05}
              value={atomScale}
              onChange={(e) => setAtomScale(Number(e.target.value))}
              disabled={!!failure}
            />
          </label>
        </div>
      </div>
    </div>
  );
}
