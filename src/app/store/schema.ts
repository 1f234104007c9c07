/**
 * The database schema as Kysely types. One schema serves SQLite and PostgreSQL: timestamps are ISO-8601
 * UTC text, JSON is text, binary is BLOB/bytea (a Node Buffer on both), so rows read the same on both.
 */

export interface ProjectTable {
  id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface DatasetTable {
  id: string;
  project_id: string;
  name: string;
  /** Size of the raw file in bytes. */
  size_bytes: number;
  /** Lower-case hex SHA-256 of the raw bytes; unique within a project (re-uploads deduplicate). */
  sha256: string;
  /** Detected format, e.g. 'cif', 'eis:biologic', 'cycling:neware', 'xy'. */
  format: string;
  /** Reader id and version that produced the parsed columns. */
  reader_version: string;
  raw: Buffer;
  /** Parsed numeric columns, Float64 little-endian, concatenated (see columns.ts). */
  columns: Buffer | null;
  /** JSON: [{name, length}] in the order they are concatenated in `columns`, plus reader metadata. */
  columns_meta: string;
  created_at: string;
}

export interface StructureTable {
  id: string;
  project_id: string;
  dataset_id: string | null;
  name: string;
  formula: string;
  /** The structure written back as a P1 CIF (what the analyses use). */
  cif: string;
  created_at: string;
}

export type AnalysisStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface AnalysisTable {
  id: string;
  project_id: string | null;
  operation_id: string;
  /** JSON of the validated input. */
  params: string;
  /** JSON of the output (null until done). */
  result: string | null;
  status: AnalysisStatus;
  error: string | null;
  progress_done: number;
  progress_total: number;
  seed: number;
  natrium_version: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
}

export interface NoteTable {
  id: string;
  project_id: string;
  /** 'project' | 'dataset' | 'structure' | 'analysis' */
  target_kind: string;
  target_id: string;
  body: string;
  created_at: string;
}

export interface TagTable {
  project_id: string;
  target_kind: string;
  target_id: string;
  tag: string;
}

export interface Database {
  projects: ProjectTable;
  datasets: DatasetTable;
  structures: StructureTable;
  analyses: AnalysisTable;
  notes: NoteTable;
  tags: TagTable;
}
