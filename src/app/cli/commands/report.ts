import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { makeOutputDir, writeOutputFile } from '../../outputFiles.ts';
import { resultRows, rowsToCsv } from '../../report/export.ts';
import { parseFigureFormat, parsePngOptions, writeFigureFiles } from '../../report/figureFiles.ts';
import { projectFigures } from '../../report/figures.ts';
import { projectReportHtml } from '../../report/html.ts';
import { printJson } from '../output.ts';
import { withStore } from './project.ts';

interface ReportOpts {
  project: string;
  out: string;
  exportDir?: string;
  figures?: string;
  format: string;
  scale?: string;
  dpi?: string;
  db?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('report')
    .description(
      'write a self-contained HTML report of a project (figures, tables, parameters, sources, BibTeX)',
    )
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--out <file>', 'HTML file to write')
    .option(
      '--export-dir <dir>',
      'also write every result as CSV and JSON, and every structure as CIF, into this folder',
    )
    .option('--figures <dir>', 'also write every figure of the report into this folder (see --format)')
    .option('--format <format>', 'figure files: svg, png or both (with --figures)', 'both')
    .option('--scale <x>', 'PNG zoom factor: pixels = SVG size × scale (default 1; e.g. 3 for print)')
    .option('--dpi <n>', 'PNG resolution instead of --scale (scale = dpi / 96)')
    .option('--db <url>', 'database: SQLite file or postgres:// URL')
    .option('--json', 'print one JSON document on stdout')
    .action((opts: ReportOpts) =>
      withStore(opts.db, async (store) => {
        // Check the figure options before writing anything.
        const format = parseFigureFormat(opts.format);
        const png = parsePngOptions(opts);
        const html = await projectReportHtml(store, opts.project);
        const out = resolve(opts.out);
        makeOutputDir(dirname(out));
        writeOutputFile(out, html);
        const exported: string[] = [];
        if (opts.exportDir) {
          const dir = resolve(opts.exportDir);
          makeOutputDir(dir);
          const p = await store.showProject(opts.project);
          for (const a of await store.listAnalyses({ projectId: p.id, status: ['done'] })) {
            const base = join(dir, `${a.operationId}-${a.id}`);
            writeOutputFile(`${base}.json`, JSON.stringify({ ...a }, null, 2));
            writeOutputFile(`${base}.csv`, rowsToCsv(resultRows(a.operationId, a.result)));
            exported.push(`${base}.json`, `${base}.csv`);
          }
          for (const s of p.structures) {
            const file = join(dir, `${s.name}-${s.id.slice(0, 8)}.cif`);
            writeOutputFile(file, (await store.getStructureCif(s.id)).cif);
            exported.push(file);
          }
        }
        const figures = opts.figures
          ? writeFigureFiles(await projectFigures(store, opts.project), opts.figures, format, png)
          : [];
        if (opts.json) return printJson({ report: out, bytes: Buffer.byteLength(html), exported, figures });
        const extras = [
          exported.length ? `${exported.length} export files` : '',
          figures.length ? `${figures.length} figure files` : '',
        ].filter(Boolean);
        process.stdout.write(
          `wrote ${out} (${Buffer.byteLength(html)} bytes)${extras.length ? ` and ${extras.join(' and ')}` : ''}\n`,
        );
      }),
    );
}
