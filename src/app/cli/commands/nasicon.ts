import type { Command } from 'commander';
import { InputError } from '../../../core/errors.ts';
import { loadSpaceGroupsNode } from '../../../crystal/spacegroup.node.ts';
import { parseCif } from '../../../io/cif/index.ts';
import { meshArea } from '../../../nasicon/bvse/isosurface.ts';
import { meshToObj } from '../../../nasicon/bvse/obj.ts';
import { type MorseConvention, nzspFormula } from '../../../nasicon/index.ts';
import { nasiconBuild, nasiconBvse, nasiconCif } from '../../operations/nasicon.ts';
import { nasiconConductivity } from '../../operations/nasiconConductivity.ts';
import { nasiconStability } from '../../operations/nasiconStability.ts';
import { writeOutputFile } from '../../outputFiles.ts';
import { readTextFile } from '../io.ts';
import { failWith, fmt, printJson, table } from '../output.ts';
import { progressBar } from '../progress.ts';

/** Parses an optional numeric flag; undefined stays undefined, anything else must be finite. */
export function numberFlag(v: string | undefined, field: string, expected = 'a number'): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x))
    throw new InputError('not a number', { field, found: v, expected });
  return x;
}

function oxidationFlag(v: string | undefined): Record<string, number> | undefined {
  if (v === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const part of v.split(',')) {
    const m = /^\s*([A-Z][a-z]?)\s*=\s*([+-]?\d+)\s*$/.exec(part);
    if (!m)
      throw new InputError('cannot read an oxidation state', {
        field: '--oxidation',
        found: part,
        expected: 'Element=charge pairs such as Fe=2,V=3',
      });
    out[m[1]] = Number(m[2]);
  }
  return out;
}

export function register(program: Command): void {
  const nasicon = program
    .command('nasicon')
    .description('NASICON solid electrolytes: structures, BVSE migration barriers, conductivity, stability');

  nasicon
    .command('build')
    .description('build the R-3c (or pseudo-monoclinic C2/c) structure of a NASICON composition')
    .option('--formula <formula>', 'e.g. Na3Zr2Si2PO12, Na3.4Sc0.4Zr1.6Si2PO12, Li1.3Al0.3Ti1.7(PO4)3')
    .option('--x <x>', 'instead of --formula: Si content x of Na1+xZr2SixP3−xO12 (0 ≤ x ≤ 3)')
    .option('--dopant <el>', 'with --x: Zr-site dopant (Sc, Mg, Zn, Ga, Hf, La, Y, …), compensated by Na')
    .option('--dopant-amount <y>', 'with --x: dopant per formula unit', '0')
    .option('--monoclinic', 'transform to the C2/c cell (pseudo-monoclinic)')
    .option(
      '--mono-cell <name>',
      'monoclinic cell: ideal (default) or boilot1987 ([R], shows the XRD splitting)',
    )
    .option('--six-b <occ>', 'occupancy of the 6b (Na1) site; the rest of the alkali goes to 18e')
    .option('--a <A>', 'hexagonal a (Å), overrides the end-member interpolation (needs --c)')
    .option('--c <A>', 'hexagonal c (Å)')
    .option('--cif <out>', 'write the structure as CIF')
    .option('--json', 'print one JSON document on stdout')
    .action(
      (f: {
        formula?: string;
        x?: string;
        dopant?: string;
        dopantAmount: string;
        monoclinic?: boolean;
        monoCell?: string;
        sixB?: string;
        a?: string;
        c?: string;
        cif?: string;
        json?: boolean;
      }) => {
        try {
          if ((f.formula === undefined) === (f.x === undefined))
            throw new InputError('give exactly one of --formula or --x', {
              field: '--formula/--x',
              expected: 'e.g. --formula Na3Zr2Si2PO12 or --x 2',
            });
          const formula =
            f.formula ??
            nzspFormula({
              x: numberFlag(f.x, '--x', '0 ≤ x ≤ 3')!,
              dopant: f.dopant,
              dopantAmount: numberFlag(f.dopantAmount, '--dopant-amount'),
            });
          const r = nasiconBuild({
            formula,
            monoclinic: f.monoclinic || f.monoCell !== undefined,
            monoclinicCell: f.monoCell,
            sixBOccupancy: numberFlag(f.sixB, '--six-b', 'an occupancy 0–1'),
            a: numberFlag(f.a, '--a', 'a length in Å'),
            c: numberFlag(f.c, '--c', 'a length in Å'),
          });
          if (f.cif) writeOutputFile(f.cif, nasiconCif(r));
          const { structure: _s, ...summary } = r;
          if (f.json) return printJson({ ...summary, cifWritten: f.cif ?? null });
          const L = r.lattice;
          const lines = [
            `${r.formula} (${r.family}; alkali 1 + ${fmt(r.x, 3)}, Si ${fmt(r.silicon, 3)} per f.u.)  ${r.spaceGroup}, ${r.setting}`,
            `cell  a = ${fmt(L.a)} Å  b = ${fmt(L.b)} Å  c = ${fmt(L.c)} Å  α = ${fmt(L.alpha, 2)}°  β = ${fmt(L.beta, 2)}°  γ = ${fmt(L.gamma, 2)}°  V = ${fmt(L.volumeA3, 2)} Å³`,
            `lattice: ${r.latticeBasis} [${r.latticeTags.join(', ')}]; ${r.sitesInCell} sites in the cell`,
          ];
          if (r.sites.length)
            lines.push(
              '',
              table(
                ['site', 'Wyckoff', 'occupants'],
                r.sites.map((s) => [
                  s.label,
                  s.wyckoff ?? '-',
                  Object.entries(s.occupants)
                    .map(([el, o]) => `${el} ${fmt(o, 4)}`)
                    .join(', '),
                ]),
              ),
            );
          if (r.siteMapping)
            lines.push(
              '',
              ...Object.entries(r.siteMapping).map(
                ([k, v]) =>
                  `${k} → ${Object.entries(v)
                    .map(([w, n]) => `${w}×${n}`)
                    .join(' + ')}`,
              ),
            );
          for (const w of r.warnings) lines.push(`warning: ${w}`);
          if (f.cif) lines.push(`CIF written to ${f.cif}`);
          process.stdout.write(`${lines.join('\n')}\n`);
        } catch (err) {
          failWith(err);
        }
      },
    );

  nasicon
    .command('bvse')
    .description('bond-valence site-energy landscape: 1D/2D/3D percolation barriers and bottleneck radius')
    .argument('<file>', 'CIF file (must contain the mobile ion)')
    .option('--ion <el>', 'mobile ion (Na, Li, K)', 'Na')
    .option('--grid <A>', 'grid spacing in Å', '0.2')
    .option('--cutoff <A>', 'interaction cut-off in Å', '10')
    .option('--morse <convention>', 'bvlain (Morse ×½, default, validated) or cavd (×1)', 'bvlain')
    .option(
      '--oxidation <list>',
      'oxidation states, e.g. Fe=2,V=3 (otherwise from the CIF/defaults/charge balance)',
    )
    .option('--cube <out>', 'write the landscape as a Gaussian cube file (eV above the minimum)')
    .option(
      '--grd <out>',
      'write the landscape as a .grd file for VESTA (BVlain/CAVD layout, eV above the minimum)',
    )
    .option(
      '--isosurface <eV>',
      'extract the isosurface at this level above the minimum (e.g. 3D barrier + 0.1)',
    )
    .option('--obj <out>', 'with --isosurface: write the mesh as a Wavefront OBJ file (Cartesian Å)')
    .option('--json', 'print one JSON document on stdout')
    .action(
      (
        file: string,
        f: {
          ion: string;
          grid: string;
          cutoff: string;
          morse: string;
          oxidation?: string;
          cube?: string;
          grd?: string;
          isosurface?: string;
          obj?: string;
          json?: boolean;
        },
      ) => {
        const progress = progressBar('bvse');
        try {
          loadSpaceGroupsNode();
          const grid = numberFlag(f.grid, '--grid', 'a spacing in Å > 0')!;
          const cutoff = numberFlag(f.cutoff, '--cutoff', 'a length in Å')!;
          if (f.morse !== 'bvlain' && f.morse !== 'cavd')
            throw new InputError('unknown Morse convention', {
              field: '--morse',
              found: f.morse,
              expected: 'bvlain or cavd',
            });
          const isoLevel = numberFlag(f.isosurface, '--isosurface', 'a level in eV ≥ 0 above the minimum');
          if (f.obj && isoLevel === undefined)
            throw new InputError('--obj needs the isosurface level', {
              field: '--obj',
              expected: '--isosurface LEVEL_eV together with --obj OUT.obj',
            });
          const { text, fileName } = readTextFile(file);
          const { structure } = parseCif(text, { fileName });
          let r: ReturnType<typeof nasiconBvse>;
          try {
            r = nasiconBvse(structure, {
              ion: f.ion,
              grid,
              cutoff,
              morseConvention: f.morse as MorseConvention,
              oxidationStates: oxidationFlag(f.oxidation),
              onProgress: progress.onProgress,
              cube: Boolean(f.cube),
              grd: Boolean(f.grd),
              isosurfaceLevelEv: isoLevel,
            });
          } catch (e) {
            throw e instanceof InputError ? e.withLocation({ file: fileName }) : e;
          }
          progress.stop();
          if (f.cube && r.cube) writeOutputFile(f.cube, r.cube);
          if (f.grd && r.grd) writeOutputFile(f.grd, r.grd);
          const iso = r.isosurface;
          if (f.obj && iso)
            writeOutputFile(
              f.obj,
              meshToObj(
                iso,
                `natrium BVSE ${r.ion}+ isosurface of ${fileName}: ${iso.level_eV} eV above the minimum; grid ${r.gridPoints.join('x')}; normals face higher energy`,
              ),
            );
          const { cube: _c, grd: _g, isosurface: _i, grid: _grid, ...out } = r;
          const isosurface = iso
            ? {
                level_eV: iso.level_eV,
                vertexCount: iso.vertices.length / 3,
                triangleCount: iso.triangles.length / 3,
                areaA2: meshArea(iso),
              }
            : null;
          if (f.json)
            return printJson({
              file: fileName,
              ...out,
              isosurface,
              cubeWritten: f.cube ?? null,
              grdWritten: f.grd ?? null,
              objWritten: f.obj ?? null,
            });
          const b = r.barriers;
          const lines = [
            `${fileName}: ${r.ion}+ BVSE, grid ${r.gridPoints.join('×')} (${r.gridSpacingA.map((v) => fmt(v, 3)).join('/')} Å), cut-off ${r.cutoffA} Å`,
            `convention: ${r.convention}`,
            `barriers (eV): 1D ${fmt(b['1D'] ?? undefined, 3)}  2D ${fmt(b['2D'] ?? undefined, 3)}  3D ${fmt(b['3D'] ?? undefined, 3)}`,
            `bottleneck free radius (shortest hop): ${r.bottleneckRadius === null ? '-' : `${fmt(r.bottleneckRadius, 3)} Å`}`,
            '',
            table(
              ['hop', 'length (Å)', 'bottleneck d(O) (Å)', 'free r (Å)', 'at', 'per cell'],
              r.hops.map((h) => [
                `${h.from}→${h.to}`,
                fmt(h.length, 3),
                fmt(h.bottleneckDistance, 3),
                fmt(h.freeRadius, 3),
                fmt(h.position, 2),
                h.count,
              ]),
            ),
          ];
          if (isosurface)
            lines.push(
              `isosurface at ${fmt(isosurface.level_eV, 3)} eV: ${isosurface.vertexCount} vertices, ${isosurface.triangleCount} triangles, area ${fmt(isosurface.areaA2, 1)} Å² per cell`,
            );
          if (f.cube) lines.push(`cube written to ${f.cube}`);
          if (f.grd) lines.push(`grd written to ${f.grd}`);
          if (f.obj) lines.push(`OBJ mesh written to ${f.obj}`);
          process.stdout.write(`${lines.join('\n')}\n`);
        } catch (err) {
          progress.stop();
          failWith(err);
        }
      },
    );

  nasicon
    .command('conductivity')
    .description('σ(x, T) of a NASICON from the curated literature dataset, with its spread and sources')
    .requiredOption('--formula <formula>', 'NASICON composition')
    .option('--T <celsius>', 'temperature in °C', '25')
    .option('--thickness <um>', 'membrane thickness (µm): adds ASR = L/σ')
    .option('--recalled', 'also use [R] (recalled, unverified) rows')
    .option('--max-dx <dx>', 'largest difference in alkali content of rows used', '0.5')
    .option(
      '--descriptors [grid]',
      'also compute BVSE barrier and bottleneck of the template (grid Å, default 0.25)',
    )
    .option('--json', 'print one JSON document on stdout')
    .action(
      (f: {
        formula: string;
        T: string;
        thickness?: string;
        recalled?: boolean;
        maxDx: string;
        descriptors?: string | boolean;
        json?: boolean;
      }) => {
        try {
          const r = nasiconConductivity({
            formula: f.formula,
            temperatureC: numberFlag(f.T, '--T', 'a temperature in °C')!,
            thicknessUm: numberFlag(f.thickness, '--thickness', 'a thickness in µm'),
            includeRecalled: Boolean(f.recalled),
            maxDeltaX: numberFlag(f.maxDx, '--max-dx'),
            descriptorsGrid:
              typeof f.descriptors === 'string'
                ? numberFlag(f.descriptors, '--descriptors', 'a grid spacing in Å')
                : f.descriptors
                  ? 0.25
                  : undefined,
          });
          if (f.json) return printJson(r);
          const e = (v: number | null | undefined) =>
            v === null || v === undefined ? '-' : v.toExponential(2);
          const lines = [
            `${r.composition} at ${r.temperatureC} °C (${fmt(r.temperatureK, 2)} K)`,
            `σ_total ${e(r.sigmaTotal)} S/cm  range ${r.range ? `${e(r.range[0])} – ${e(r.range[1])}` : '-'}`,
            `σ_bulk  ${e(r.sigmaBulk)} S/cm  range ${r.bulkRange ? `${e(r.bulkRange[0])} – ${e(r.bulkRange[1])}` : '-'}`,
            `Ea ${r.Ea === null ? '-' : `${fmt(r.Ea, 3)} eV`}`,
          ];
          if (r.asrOhmCm2)
            lines.push(
              `ASR (L = ${r.asrOhmCm2.thicknessUm} µm): ${fmt(r.asrOhmCm2.central ?? undefined, 3)} Ω·cm² (${r.asrOhmCm2.range ? r.asrOhmCm2.range.map((v) => fmt(v, 3)).join(' – ') : '-'})`,
            );
          if (r.descriptors)
            lines.push(
              `BVSE (template) 1D/2D/3D: ${['1D', '2D', '3D'].map((k) => fmt(r.descriptors!.bvseBarriersEv[k as '1D'] ?? undefined, 3)).join(' / ')} eV; bottleneck free radius ${fmt(r.descriptors.bottleneckRadiusA ?? undefined, 3)} Å`,
            );
          lines.push(
            '',
            table(
              ['row', 'composition', 'T (K)', 'σ_tot at T', 'σ_b at T', 'tag', 'DOI / reference'],
              r.basis.map((b) => [
                b.id,
                b.composition,
                fmt(b.temperatureK, 1),
                b.sigmaTotalAtT ? e(Math.sqrt(b.sigmaTotalAtT[0] * b.sigmaTotalAtT[1])) : '-',
                b.sigmaBulkAtT ? e(Math.sqrt(b.sigmaBulkAtT[0] * b.sigmaBulkAtT[1])) : '-',
                b.tag,
                b.doi ?? b.reference ?? '-',
              ]),
            ),
            ...r.caveats.map((c) => `note: ${c}`),
          );
          process.stdout.write(`${lines.join('\n')}\n`);
        } catch (err) {
          failWith(err);
        }
      },
    );

  nasicon
    .command('stability')
    .description('electrochemical window and reaction with Na/Li metal (grand-potential hull, own LP)')
    .requiredOption('--formula <formula>', 'NASICON composition')
    .option('--metal <el>', 'Na or Li', 'Na')
    .option(
      '--phases <file.json>',
      'phase set (one energy scheme); default: the shipped experimental ΔfH° table',
    )
    .option('--json', 'print one JSON document on stdout')
    .action((f: { formula: string; metal: string; phases?: string; json?: boolean }) => {
      try {
        let phases: { text: string; fileName: string } | undefined;
        if (f.phases) phases = readTextFile(f.phases);
        const r = nasiconStability({ formula: f.formula, metal: f.metal, phaseSet: phases });
        if (f.json) return printJson(r);
        const win = r.window
          ? `${fmt(r.window[0], 3)} – ${r.window[1] === null ? '> 6' : fmt(r.window[1], 3)} V`
          : 'not computed';
        const lines = [
          `${r.formula} vs ${r.metal}/${r.metal}+ (${r.scheme} energies)`,
          `window: ${win}${r.complete ? '' : '  (INCOMPLETE phase set: see missing)'}`,
        ];
        if (r.reduction)
          lines.push(
            `reduction: +${fmt(r.reduction.alkaliUptake, 3)} ${r.metal} → ${r.reduction.products.map((p) => `${fmt(p.amount, 3)} ${p.name}`).join(' + ')}`,
          );
        if (r.reaction)
          lines.push(
            `reaction with ${r.metal}: ${r.reaction.equation}; ΔE = ${fmt(r.reaction.reactionEnergyMevPerAtom, 1)} meV/atom`,
          );
        if (r.missing.length) lines.push(`missing: ${r.missing.join(', ')}`);
        for (const w of r.literature)
          lines.push(
            `literature [${w.tag}]: ${w.windowV ? `${w.windowV[0] ?? '?'} – ${w.windowV[1] ?? '?'} V` : 'qualitative'} (${w.method}; ${w.source})`,
          );
        for (const n of r.notes) lines.push(`note: ${n}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      } catch (err) {
        failWith(err);
      }
    });
}
