/**
 * The project store: projects, datasets (raw bytes + parsed columns), structures, analyses, notes and
 * tags, over SQLite or PostgreSQL through one Kysely schema. Every write runs in one transaction, so
 * a crash leaves either the whole dataset (raw bytes, columns, structure) or nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kysely, Transaction } from 'kysely';
import { InputError } from '../../core/errors.ts';
import { reducedFormula } from '../../crystal/composition.ts';
import { type ColumnInfo, decodeColumns, encodeColumns } from './columns.ts';
import {
  type Connection,
  type DbLocation,
  type OpenOptions,
  openConnection,
  resolveDbLocation,
} from './connect.ts';
import { explainDatabaseError } from './errors.ts';
import { readDataset } from './readers.ts';
import type { AnalysisStatus, AnalysisTable, Database, DatasetTable } from './schema.ts';

export const NATRIUM_VERSION: string = JSON.parse(
  readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
).version;

export interface ProjectInfo {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

export interface DatasetInfo {
  id: string;
  projectId: string;
  name: string;
  sizeBytes: number;
  sha256: string;
  format: string;
  readerVersion: string;
  columns: ColumnInfo[];
  metadata: Record<string, unknown>;
  createdAt: string;
}

export interface StructureInfo {
  id: string;
  projectId: string;
  datasetId: string | null;
  name: string;
  formula: string;
  createdAt: string;
}

export interface AnalysisInfo {
  id: string;
  projectId: string | null;
  operationId: string;
  params: unknown;
  result: unknown;
  status: AnalysisStatus;
  error: string | null;
  progress: { done: number; total: number };
  seed: number;
  natriumVersion: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
}

export interface ImportResult {
  dataset: DatasetInfo;
  /** True when the same bytes were already in the project (nothing new was written). */
  deduplicated: boolean;
  structureId?: string;
}

const now = () => new Date().toISOString();
/** Longest project name accepted (characters). */
const MAX_NAME_LENGTH = 200;

export class Store {
  private constructor(private readonly conn: Connection) {}

  /** Opens (and migrates) the database named by `db`, NATRIUM_DATABASE_URL or the default file. */
  static async open(db?: string, options: OpenOptions = {}): Promise<Store> {
    return new Store(await openConnection(resolveDbLocation(db), options));
  }

  static async openAt(location: DbLocation, options: OpenOptions = {}): Promise<Store> {
    return new Store(await openConnection(location, options));
  }

  get db(): Kysely<Database> {
    return this.conn.db;
  }

  get location(): DbLocation {
    return this.conn.location;
  }

  close(): Promise<void> {
    return this.conn.close();
  }

  /** Runs `fn` in one transaction; driver failures become one clear DatabaseError. */
  private async write<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    // SQLite rolls back by itself on SQLITE_FULL, and Kysely's own ROLLBACK then fails with "no
    // transaction is active"; keep the first error, which says what went wrong.
    let first: unknown;
    try {
      return await this.db.transaction().execute(async (trx) => {
        try {
          return await fn(trx);
        } catch (err) {
          first = err;
          throw err;
        }
      });
    } catch (err) {
      throw explainDatabaseError(first ?? err, this.location.display);
    }
  }

  private async read<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    try {
      return await fn(this.db);
    } catch (err) {
      throw explainDatabaseError(err, this.location.display);
    }
  }

  // ---------- projects ----------

  async createProject(name: string, description = ''): Promise<ProjectInfo> {
    const clean = checkName(name);
    return this.write(async (trx) => {
      const existing = await trx
        .selectFrom('projects')
        .select('id')
        .where('name', '=', clean)
        .executeTakeFirst();
      if (existing)
        throw new InputError('a project with this name already exists', { field: 'name', found: clean });
      const t = now();
      const row = { id: randomUUID(), name: clean, description, created_at: t, updated_at: t };
      await trx.insertInto('projects').values(row).execute();
      return projectInfo(row);
    });
  }

  async listProjects(): Promise<(ProjectInfo & { datasets: number; analyses: number })[]> {
    return this.read(async (db) => {
      const rows = await db
        .selectFrom('projects')
        .selectAll()
        .orderBy('created_at')
        .orderBy('name')
        .execute();
      const ds = await db
        .selectFrom('datasets')
        .select(['project_id', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('project_id')
        .execute();
      const an = await db
        .selectFrom('analyses')
        .select(['project_id', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('project_id')
        .execute();
      const dMap = new Map(ds.map((r) => [r.project_id, Number(r.n)]));
      const aMap = new Map(an.map((r) => [r.project_id, Number(r.n)]));
      return rows.map((r) => ({
        ...projectInfo(r),
        datasets: dMap.get(r.id) ?? 0,
        analyses: aMap.get(r.id) ?? 0,
      }));
    });
  }

  /** A project by id or by name; an InputError naming the project when there is none. */
  async getProject(ref: string): Promise<ProjectInfo> {
    const row = await this.read((db) =>
      db
        .selectFrom('projects')
        .selectAll()
        .where((eb) => eb.or([eb('id', '=', ref), eb('name', '=', ref)]))
        .executeTakeFirst(),
    );
    if (!row) throw new InputError('there is no such project', { field: 'project', found: ref });
    return projectInfo(row);
  }

  async renameProject(ref: string, newName: string): Promise<ProjectInfo> {
    const clean = checkName(newName);
    const p = await this.getProject(ref);
    return this.write(async (trx) => {
      const clash = await trx
        .selectFrom('projects')
        .select('id')
        .where('name', '=', clean)
        .where('id', '!=', p.id)
        .executeTakeFirst();
      if (clash)
        throw new InputError('a project with this name already exists', { field: 'name', found: clean });
      const t = now();
      await trx.updateTable('projects').set({ name: clean, updated_at: t }).where('id', '=', p.id).execute();
      return { ...p, name: clean, updatedAt: t };
    });
  }

  /** Deletes a project and everything in it. */
  async deleteProject(ref: string): Promise<void> {
    const p = await this.getProject(ref);
    await this.write(async (trx) => {
      // Explicit order rather than relying on cascades, which SQLite applies only with foreign_keys on.
      await trx.deleteFrom('tags').where('project_id', '=', p.id).execute();
      await trx.deleteFrom('notes').where('project_id', '=', p.id).execute();
      await trx.deleteFrom('analyses').where('project_id', '=', p.id).execute();
      await trx.deleteFrom('structures').where('project_id', '=', p.id).execute();
      await trx.deleteFrom('datasets').where('project_id', '=', p.id).execute();
      await trx.deleteFrom('projects').where('id', '=', p.id).execute();
    });
  }

  /** Project with its datasets, structures and analyses (results left out: fetch one analysis for it). */
  async showProject(ref: string) {
    const p = await this.getProject(ref);
    const [datasets, structures, analyses] = await Promise.all([
      this.listDatasets(p.id),
      this.listStructures(p.id),
      this.listAnalyses({ projectId: p.id, withResult: false }),
    ]);
    return { ...p, datasets, structures, analyses };
  }

  // ---------- datasets ----------

  /**
   * Stores one file: raw bytes, hash, detected format and parsed columns (and a structure for a CIF),
   * in one transaction. The same bytes already in the project are not stored twice.
   */
  async importFile(projectRef: string, file: { name: string; bytes: Uint8Array }): Promise<ImportResult> {
    const project = await this.getProject(projectRef);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const known = await this.findDataset(project.id, sha256);
    if (known) return { dataset: known, deduplicated: true };
    // Parse outside the transaction: readers are pure and may be slow.
    const parsed = readDataset(file.bytes, file.name);
    const { blob, info } = encodeColumns(parsed.columns);
    const t = now();
    const row: DatasetTable = {
      id: randomUUID(),
      project_id: project.id,
      name: file.name,
      size_bytes: file.bytes.byteLength,
      sha256,
      format: parsed.format,
      reader_version: parsed.readerVersion,
      raw: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
      columns: info.length ? blob : null,
      columns_meta: JSON.stringify({ columns: info, metadata: parsed.metadata }),
      created_at: t,
    };
    try {
      return await this.write(async (trx) => {
        const again = await trx
          .selectFrom('datasets')
          .select('id')
          .where('project_id', '=', project.id)
          .where('sha256', '=', sha256)
          .executeTakeFirst();
        if (again)
          return { dataset: (await this.getDatasetIn(trx, again.id)) as DatasetInfo, deduplicated: true };
        await trx.insertInto('datasets').values(row).execute();
        let structureId: string | undefined;
        if (parsed.structure) {
          structureId = randomUUID();
          await trx
            .insertInto('structures')
            .values({
              id: structureId,
              project_id: project.id,
              dataset_id: row.id,
              name: file.name.replace(/\.cif$/i, ''),
              formula: reducedFormula(parsed.structure.structure),
              cif: parsed.structure.cif,
              created_at: t,
            })
            .execute();
        }
        await trx.updateTable('projects').set({ updated_at: t }).where('id', '=', project.id).execute();
        return { dataset: datasetInfo(row), deduplicated: false, structureId };
      });
    } catch (err) {
      // Two importers racing on the same bytes: the unique (project, sha256) constraint decides.
      const existing = isUniqueViolation(err) ? await this.findDataset(project.id, sha256) : undefined;
      if (existing) return { dataset: existing, deduplicated: true };
      throw err;
    }
  }

  private async findDataset(projectId: string, sha256: string): Promise<DatasetInfo | undefined> {
    const row = await this.read((db) =>
      db
        .selectFrom('datasets')
        .select(DATASET_INFO_COLUMNS)
        .where('project_id', '=', projectId)
        .where('sha256', '=', sha256)
        .executeTakeFirst(),
    );
    return row ? datasetInfo(row) : undefined;
  }

  private async getDatasetIn(db: Kysely<Database>, id: string): Promise<DatasetInfo | undefined> {
    const row = await db
      .selectFrom('datasets')
      .select(DATASET_INFO_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? datasetInfo(row) : undefined;
  }

  async listDatasets(projectId: string): Promise<DatasetInfo[]> {
    const rows = await this.read((db) =>
      db
        .selectFrom('datasets')
        .select(DATASET_INFO_COLUMNS)
        .where('project_id', '=', projectId)
        .orderBy('created_at')
        .orderBy('name')
        .execute(),
    );
    return rows.map(datasetInfo);
  }

  async getDataset(id: string): Promise<DatasetInfo> {
    const d = await this.read((db) => this.getDatasetIn(db, id));
    if (!d) throw new InputError('there is no such dataset', { field: 'dataset', found: id });
    return d;
  }

  /** Raw bytes and decoded columns of a dataset. */
  async loadDataset(
    id: string,
  ): Promise<{ info: DatasetInfo; raw: Buffer; columns: Record<string, Float64Array> }> {
    const row = await this.read((db) =>
      db.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst(),
    );
    if (!row) throw new InputError('there is no such dataset', { field: 'dataset', found: id });
    const info = datasetInfo(row);
    return { info, raw: row.raw, columns: row.columns ? decodeColumns(row.columns, info.columns) : {} };
  }

  // ---------- structures ----------

  async listStructures(projectId: string): Promise<StructureInfo[]> {
    const rows = await this.read((db) =>
      db
        .selectFrom('structures')
        .select(['id', 'project_id', 'dataset_id', 'name', 'formula', 'created_at'])
        .where('project_id', '=', projectId)
        .orderBy('created_at')
        .execute(),
    );
    return rows.map((r) => ({
      id: r.id,
      projectId: r.project_id,
      datasetId: r.dataset_id,
      name: r.name,
      formula: r.formula,
      createdAt: r.created_at,
    }));
  }

  async getStructureCif(id: string): Promise<{ name: string; cif: string }> {
    const row = await this.read((db) =>
      db.selectFrom('structures').select(['name', 'cif']).where('id', '=', id).executeTakeFirst(),
    );
    if (!row) throw new InputError('there is no such structure', { field: 'structure', found: id });
    return row;
  }

  // ---------- analyses (also the job table) ----------

  async createAnalysis(a: {
    projectId?: string | null;
    operationId: string;
    params: unknown;
    seed: number;
    status?: AnalysisStatus;
  }): Promise<AnalysisInfo> {
    const row: AnalysisTable = {
      id: randomUUID(),
      project_id: a.projectId ?? null,
      operation_id: a.operationId,
      params: JSON.stringify(a.params ?? {}),
      result: null,
      status: a.status ?? 'queued',
      error: null,
      progress_done: 0,
      progress_total: 0,
      seed: a.seed,
      natrium_version: NATRIUM_VERSION,
      created_at: now(),
      started_at: null,
      finished_at: null,
      duration_ms: null,
    };
    await this.write((trx) => trx.insertInto('analyses').values(row).execute());
    return analysisInfo(row);
  }

  async markRunning(id: string): Promise<void> {
    await this.write((trx) =>
      trx
        .updateTable('analyses')
        .set({ status: 'running', started_at: now() })
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .execute(),
    );
  }

  async setProgress(id: string, done: number, total: number): Promise<void> {
    await this.write((trx) =>
      trx
        .updateTable('analyses')
        .set({ progress_done: done, progress_total: total })
        .where('id', '=', id)
        .execute(),
    );
  }

  /** Final state of an analysis; a cancelled analysis stays cancelled even if its result arrives late. */
  async finishAnalysis(
    id: string,
    outcome: { status: 'done'; result: unknown } | { status: 'failed' | 'cancelled'; error: string },
  ): Promise<void> {
    await this.write(async (trx) => {
      const row = await trx
        .selectFrom('analyses')
        .select(['status', 'started_at', 'created_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row || row.status === 'cancelled' || row.status === 'done' || row.status === 'failed') return;
      const t = now();
      const start = Date.parse(row.started_at ?? row.created_at);
      await trx
        .updateTable('analyses')
        .set({
          status: outcome.status,
          result: outcome.status === 'done' ? JSON.stringify(outcome.result) : null,
          error: outcome.status === 'done' ? null : outcome.error,
          finished_at: t,
          duration_ms: Date.parse(t) - start,
        })
        .where('id', '=', id)
        .execute();
    });
  }

  async getAnalysis(id: string): Promise<AnalysisInfo> {
    const row = await this.read((db) =>
      db.selectFrom('analyses').selectAll().where('id', '=', id).executeTakeFirst(),
    );
    if (!row) throw new InputError('there is no such analysis or job', { field: 'id', found: id });
    return analysisInfo(row);
  }

  async listAnalyses(
    filter: { projectId?: string; status?: AnalysisStatus[]; withResult?: boolean } = {},
  ): Promise<AnalysisInfo[]> {
    const rows = await this.read((db) => {
      let q = db.selectFrom('analyses').selectAll();
      if (filter.projectId) q = q.where('project_id', '=', filter.projectId);
      if (filter.status?.length) q = q.where('status', 'in', filter.status);
      return q.orderBy('created_at').orderBy('id').execute();
    });
    return rows.map((r) => {
      const a = analysisInfo(r);
      return filter.withResult === false ? { ...a, result: null } : a;
    });
  }

  // ---------- notes and tags ----------

  async addNote(projectRef: string, target: { kind: string; id: string }, body: string): Promise<string> {
    const p = await this.getProject(projectRef);
    const id = randomUUID();
    await this.write((trx) =>
      trx
        .insertInto('notes')
        .values({
          id,
          project_id: p.id,
          target_kind: target.kind,
          target_id: target.id,
          body,
          created_at: now(),
        })
        .execute(),
    );
    return id;
  }

  async listNotes(projectId: string) {
    return this.read((db) =>
      db.selectFrom('notes').selectAll().where('project_id', '=', projectId).orderBy('created_at').execute(),
    );
  }

  async addTag(projectRef: string, target: { kind: string; id: string }, tag: string): Promise<void> {
    const p = await this.getProject(projectRef);
    await this.write(async (trx) => {
      const exists = await trx
        .selectFrom('tags')
        .select('tag')
        .where('project_id', '=', p.id)
        .where('target_kind', '=', target.kind)
        .where('target_id', '=', target.id)
        .where('tag', '=', tag)
        .executeTakeFirst();
      if (!exists)
        await trx
          .insertInto('tags')
          .values({ project_id: p.id, target_kind: target.kind, target_id: target.id, tag })
          .execute();
    });
  }

  async listTags(projectId: string) {
    return this.read((db) => db.selectFrom('tags').selectAll().where('project_id', '=', projectId).execute());
  }
}

const DATASET_INFO_COLUMNS = [
  'id',
  'project_id',
  'name',
  'size_bytes',
  'sha256',
  'format',
  'reader_version',
  'columns_meta',
  'created_at',
] as const;

function checkName(name: string): string {
  const clean = name.trim();
  if (clean === '' || clean.length > MAX_NAME_LENGTH)
    throw new InputError('a project name must not be empty', {
      field: 'name',
      expected: `1 to ${MAX_NAME_LENGTH} characters`,
      found: name,
    });
  return clean;
}

function projectInfo(r: {
  id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
}) {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function datasetInfo(r: Pick<DatasetTable, (typeof DATASET_INFO_COLUMNS)[number]>): DatasetInfo {
  const meta = JSON.parse(r.columns_meta) as { columns: ColumnInfo[]; metadata: Record<string, unknown> };
  return {
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    format: r.format,
    readerVersion: r.reader_version,
    columns: meta.columns,
    metadata: meta.metadata,
    createdAt: r.created_at,
  };
}

function analysisInfo(r: AnalysisTable): AnalysisInfo {
  return {
    id: r.id,
    projectId: r.project_id,
    operationId: r.operation_id,
    params: JSON.parse(r.params),
    result: r.result === null ? null : JSON.parse(r.result),
    status: r.status,
    error: r.error,
    progress: { done: Number(r.progress_done), total: Number(r.progress_total) },
    seed: Number(r.seed),
    natriumVersion: r.natrium_version,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
  };
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
