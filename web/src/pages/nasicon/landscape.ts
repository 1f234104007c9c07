/**
 * Transport helper of the NASICON page: the server sends the BVSE landscape quantised to one byte
 * per voxel (nasicon.bvse with `landscape: true`); this turns it back into eV above the minimum.
 * The isosurface itself is drawn by the library module src/nasicon/bvse/isosurface.ts.
 */

/** Decodes the server's byte-quantised landscape (energy = byte · stepEv, eV above the minimum). */
export function decodeLandscape(base64: string, stepEv: number): Float32Array {
  const bin = atob(base64);
  const out = new Float32Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i) * stepEv;
  return out;
}
