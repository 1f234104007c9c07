/** store: projects, datasets, structures, analyses, notes and tags in SQLite or PostgreSQL. */
export { decodeColumns, encodeColumns } from './columns.ts';
export { DEFAULT_SQLITE_FILE, resolveDbLocation } from './connect.ts';
export { DatabaseError } from './errors.ts';
export { readDataset } from './readers.ts';
export type { AnalysisStatus } from './schema.ts';
export * from './store.ts';
