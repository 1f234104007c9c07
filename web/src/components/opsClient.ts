/**
 * Calls of registry operations (`POST /api/ops/<id>`) and reading of uploaded files for the impedance
 * and cycling pages. A failure becomes an ApiError carrying the server's one-sentence message.
 */
import type { DragEvent } from 'react';
import { ApiError } from '../api.ts';

export async function callOp<T>(id: string, body: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/ops/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('Could not reach the natrium server; is `npm start` still running?', 0);
  }
  if (res.ok) return (await res.json()) as T;
  let message = `The server answered ${res.status} ${res.statusText}.`;
  try {
    const body = await res.json();
    if (typeof body?.message === 'string') message = body.message;
  } catch {
    // Not JSON: keep the status line.
  }
  throw new ApiError(message, res.status);
}

/** An uploaded file as the operations take it: bytes as base64, so Latin-1 exports survive. */
export interface UploadedFile {
  fileName: string;
  base64: string;
}

export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

export async function readUpload(file: File): Promise<UploadedFile> {
  if (file.size > MAX_UPLOAD_BYTES)
    throw new Error(`${file.name} is larger than 15 MB; the server will not accept it.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return { fileName: file.name, base64: btoa(binary) };
}

export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

/** Drop target props shared by the pages: highlights while dragging, hands over the files. */
export function dropHandlers(setDragging: (on: boolean) => void, onFiles: (files: File[]) => void) {
  return {
    onDragEnter: (e: DragEvent) => {
      e.preventDefault();
      setDragging(true);
    },
    onDragOver: (e: DragEvent) => {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (e: DragEvent) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      onFiles([...e.dataTransfer.files]);
    },
  };
}
