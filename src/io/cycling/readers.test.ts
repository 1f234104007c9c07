import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import {
  CYCLER_FORMATS,
  type CyclingData,
  detectCyclerFormat,
  parseBiologicLog,
  parseCyclingFile,
} from './index.ts';
import { parseNumber, parseNumberAt } from './text.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/cycling/${name}`, import.meta.url));
const read = (name: string, opts = {}) => parseCyclingFile(fixture(name), { fileName: name, ...opts });
const first = (a: Float64Array | undefined) => a![0];
const last = (a: Float64Array | undefined) => a![a!.length - 1];

describe('Arbin CSV', () => {
  const d = read('FastCharge_000025_CH8.csv', {
    metadataText: fixture('FastCharge_000025_CH8_Metadata.csv').toString('utf8'),
  });
  it('reads 248 rows with first/last values of the file', () => {
    expect(d.format).toBe('arbin');
    expect(d.length).toBe(248);
    expect(first(d.columns.time_s)).toBe(10.0024);
    expect(last(d.columns.time_s)).toBe(1800.0104);
    expect(first(d.columns.voltage_V)).toBe(3.3011441);
    expect(last(d.columns.voltage_V)).toBe(3.3009677);
    expect(last(d.columns.current_A)).toBe(0);
    expect(first(d.columns.temperature_C)).toBe(30.109268);
    expect(last(d.columns.temperature_C)).toBe(28.995434);
    expect(first(d.columns.epochTime_s)).toBe(1494645243.4715);
    expect(last(d.columns.cycle)).toBe(0);
    expect(d.sources.current_A).toEqual({ column: 'Current', scale: 1 });
  });
  it('merges the metadata file', () => {
    expect(d.metadata.schedule_file_name).toBe('2017-05-12_TESTS\\20170512-4_4C-80PER_4_4C.SDU');
    expect(d.metadata.databases).toBe('ArbinResult_6,ArbinResult_7,');
    expect(d.metadata.test_id).toBe('153');
  });
  it('maps every column, so there is no warning', () => {
    expect(Object.keys(d.extra)).toEqual([]);
    expect(d.warnings).toEqual([]);
  });
});

describe('Maccor text', () => {
  it('reads the seconds variant (.052): 333 rows of a −4.84 A discharge in cycle 37', () => {
    const d = read('PredictionDiagnostics_000151_test.052');
    expect(d.format).toBe('maccor');
    expect(d.length).toBe(333);
    expect(first(d.columns.time_s)).toBe(769267.24);
    expect(last(d.columns.time_s)).toBe(769270.57);
    expect(first(d.columns.voltage_V)).toBe(3.86823835);
    expect(last(d.columns.voltage_V)).toBe(3.86251621);
    expect(first(d.columns.current_A)).toBe(-4.8400091554);
    expect(last(d.columns.current_A)).toBe(-4.8402380407);
    expect(first(d.columns.cycle)).toBe(37);
    expect(first(d.columns.step)).toBe(44);
    expect(first(d.columns.capacity_Ah)).toBe(0.0191579754);
    expect(last(d.columns.capacity_Ah)).toBe(0.0236349063);
    expect(d.text.state!.every((s) => s === 'D')).toBe(true);
    expect(d.metadata.procedure).toBe('PredictionDiagnostics_000151.000');
    expect(d.warnings.join(' ')).toMatch(/not recognised, kept as extra: "ES", "DPt Time"/);
    expect((d.extra['DPt Time'] as string[])[0]).toBe('10/21/2019 23:59:59');
    expect((d.extra.Loop1 as Float64Array)[0]).toBe(3);
  });
  it('reads the older duration variant (.041, TestTime "0d 00:00:01.0000")', () => {
    const d = read('maccor_test_file_4267-66-6519.041');
    expect(d.length).toBe(74);
    expect(first(d.columns.time_s)).toBe(0);
    expect(d.columns.time_s[2]).toBe(2);
    expect(last(d.columns.time_s)).toBe(10);
    expect(first(d.columns.voltage_V)).toBe(3.90806439);
    expect(last(d.columns.voltage_V)).toBe(3.91172656);
    expect(d.text.state![0]).toBe('R');
    expect(d.text.state![d.length - 1]).toBe('O');
    expect(d.metadata.procedure).toBe('EIS 1.000FRA default');
  });
  it('signs magnitude-only discharge currents from State D, with a warning', () => {
    const text = fixture('PredictionDiagnostics_000151_test.052')
      .toString('latin1')
      .replace(/\t-4\.8/g, '\t4.8');
    const d = parseCyclingFile(text, { fileName: 'unsigned.052' });
    expect(first(d.columns.current_A)).toBe(-4.8400091554);
    expect(d.warnings.join(' ')).toMatch(/333 row\(s\) in State D had a positive current/);
  });
});

describe('BioLogic Modulo-Bat ; CSV', () => {
  const d = read('test_loopsnewoutput_MB_CE1_short10k.csv');
  it('reads 9 999 rows; time from date strings, I from mA', () => {
    expect(d.format).toBe('biologic');
    expect(d.length).toBe(9999);
    expect(first(d.columns.time_s)).toBe(0);
    // 05/05/2021 15:36:22.757 → 05/06/2021 19:57:03.527
    expect(last(d.columns.time_s)).toBeCloseTo(86400 + 4 * 3600 + 20 * 60 + 40.77, 6);
    expect(first(d.columns.voltage_V)).toBe(3.81503248214722);
    expect(last(d.columns.voltage_V)).toBe(4.17367792129517);
    expect(d.columns.current_A[1]).toBeCloseTo(2.49326220703125, 12);
    expect(first(d.columns.cycle)).toBe(0);
    expect(last(d.columns.cycle)).toBe(2);
    expect(last(d.columns.chargeCapacity_Ah)).toBeCloseTo(2.32441200101645, 12);
    expect(d.sources.current_A).toEqual({ column: 'I/mA', scale: 0.001 });
    expect(Object.keys(d.extra)).toHaveLength(61);
    expect(d.warnings.some((w) => /day\/month order/.test(w))).toBe(true);
  });
  it('keeps the sign convention: discharge current negative', () => {
    let min = 0;
    for (const x of d.columns.current_A) min = Math.min(min, x);
    expect(min).toBeCloseTo(-0.361637634277344, 12);
  });
  it('reads the same numbers from a decimal-comma, Latin-1 copy', () => {
    const text = fixture('test_loopsnewoutput_MB_CE1_short10k.csv')
      .toString('utf8')
      .split('\n')
      .slice(0, 300)
      .map((l, i) => (i === 0 ? l : l.replace(/(\d)\.(\d)/g, '$1,$2')))
      .join('\n');
    const bytes = Buffer.from(text, 'latin1');
    const c = parseCyclingFile(bytes, { fileName: 'comma.csv' });
    expect(c.length).toBe(299);
    expect(c.columns.voltage_V[5]).toBe(d.columns.voltage_V[5]);
    expect(c.columns.current_A[5]).toBe(d.columns.current_A[5]);
    expect(c.sources.temperature_C?.column).toBe('T/°C');
  });
  it('honours an explicit date order', () => {
    const dmy = read('test_loopsnewoutput_MB_CE1_short10k.csv', { dateOrder: 'DMY' });
    // 05/05 → 05/06 read as 5 May → 5 June: 31 days more
    expect(last(dmy.columns.time_s) - last(d.columns.time_s)).toBeCloseTo(30 * 86400, 3);
  });
});

describe('Novonix CSV', () => {
  const d = read('test_Nova_Form-CH01-01_short.csv');
  it('reads 3 942 rows after [Data], with the [Summary] block as metadata', () => {
    expect(d.format).toBe('novonix');
    expect(d.length).toBe(3942);
    expect(first(d.columns.time_s)).toBe(0);
    expect(last(d.columns.time_s)).toBeCloseTo(17.434575 * 3600, 9);
    expect(first(d.columns.voltage_V)).toBe(0.13736417);
    expect(last(d.columns.voltage_V)).toBe(3.42744146);
    expect(last(d.columns.current_A)).toBe(0.0120000763);
    expect(last(d.columns.capacity_Ah)).toBe(0.0294679161);
    expect(first(d.columns.cycle)).toBe(1);
    expect(d.text.dateTime![0]).toBe('2022-04-11 10:58:07 AM');
    expect(d.metadata['Capacity (Ah)']).toBe('0.24');
    expect(d.metadata.Protocol).toBe('XC_Formation_Entree_Test.pro1');
  });

  it('the formation file holds only rest (0) and charge steps (1 = CC, 7/8 = CC-CV): no current is flipped', () => {
    const types = new Set(Array.from(d.columns.stepType!));
    expect([...types].sort((a, b) => a - b)).toEqual([0, 1, 7, 8]);
    expect(d.warnings.join(' ')).not.toMatch(/negated/);
    for (let i = 0; i < d.length; i++)
      if (d.columns.stepType![i] !== 0) expect(d.columns.current_A[i]).toBeGreaterThanOrEqual(0);
  });

  // Step-type codes (BEEP's novonix_conversion.yaml step_names, TRI-AMDD/beep): 0 rest, 1 CC charge,
  // 2 CC discharge, 7 CC-CV charge (CC part), 8 its CV hold, 9 CC-CV discharge (CC part), 10 its CV
  // hold. The fixture has no discharge rows, so its own rows are relabelled as discharge here.
  it('discharge step types 2, 9 and 10 get a negative current; charge types and negative currents are untouched', () => {
    const text = fixture('test_Nova_Form-CH01-01_short.csv').toString('utf8');
    const lines = text.split(/\r?\n/);
    const start = lines.indexOf('[Data]') + 2;
    // Rows 1..6 after the first charge row: relabel as 2, 9, 10 (positive current) and 9 with a
    // negative current (already signed) and keep two charge rows (1, 7) as they are.
    const plan: [number, string | null][] = [
      [2, null],
      [9, null],
      [10, null],
      [9, 'negative'],
      [1, null],
      [7, null],
    ];
    const fieldsOf = (i: number) => lines[i].replace(/^"|"$/g, '').split(',');
    // First CC-charge row followed by five more with a strictly positive current.
    const firstCharge = lines.findIndex(
      (_, i) =>
        i >= start &&
        i + plan.length < lines.length &&
        plan.every((__, k) => fieldsOf(i + k)[2] === '1' && Number(fieldsOf(i + k)[5]) > 0),
    );
    const edited = lines.slice();
    plan.forEach(([type, sign], k) => {
      const fields = edited[firstCharge + k].replace(/^"|"$/g, '').split(',');
      fields[2] = String(type);
      if (sign === 'negative') fields[5] = `-${fields[5]}`;
      edited[firstCharge + k] = fields.join(',');
    });
    const e = parseCyclingFile(edited.join('\n'), { fileName: 'relabelled.csv' });
    const row = firstCharge - start;
    const orig = plan.map((_, k) => Number(lines[firstCharge + k].replace(/^"|"$/g, '').split(',')[5]));
    expect(orig.every((v) => v > 0)).toBe(true);
    expect(e.columns.current_A[row]).toBe(-orig[0]); // 2: CC discharge
    expect(e.columns.current_A[row + 1]).toBe(-orig[1]); // 9: CC part of a CC-CV discharge
    expect(e.columns.current_A[row + 2]).toBe(-orig[2]); // 10: CV hold of a CC-CV discharge
    expect(e.columns.current_A[row + 3]).toBe(-orig[3]); // already negative: unchanged
    expect(e.columns.current_A[row + 4]).toBe(orig[4]); // charge
    expect(e.columns.current_A[row + 5]).toBe(orig[5]); // charge
    expect(e.warnings.join(' ')).toMatch(
      /3 row\(s\) of a discharge step type had a positive current: negated/,
    );
  });
});

describe('generic CSV with a column map', () => {
  const text =
    'Zeit (h);Spannung;Strom (mA);Zyklus;Notiz\n0,0;3,10;0,0;1;start\n0,5;3,50;1,5;1;\n1,0;3,90;-1,5;1;x\n';
  it('applies the map, its scales and the decimal comma; unknown columns are kept', () => {
    const d = parseCyclingFile(text, {
      fileName: 'lab.csv',
      columnMap: {
        time_s: { column: 'Zeit (h)', scale: 3600 },
        voltage_V: 'Spannung',
        current_A: { column: 'Strom (mA)', scale: 0.001 },
        cycle: 'Zyklus',
      },
    });
    expect(d.format).toBe('generic');
    expect(Array.from(d.columns.time_s)).toEqual([0, 1800, 3600]);
    expect(Array.from(d.columns.current_A)).toEqual([0, 0.0015, -0.0015]);
    expect(d.extra.Notiz).toEqual(['start', '', 'x']);
    expect(d.warnings[0]).toMatch(/"Notiz"/);
  });
  it('reads canonical and BDF names without a map', () => {
    const d = parseCyclingFile('test_time_second,voltage_volt,current_ampere\n0,3,0\n1,3.1,0.1\n', {
      format: 'generic',
    });
    expect(Array.from(d.columns.voltage_V)).toEqual([3, 3.1]);
  });
  it('names the missing column and the fix', () => {
    expect(() => parseCyclingFile('a,b\n1,2\n', { format: 'generic', fileName: 'x.csv' })).toThrow(
      /x\.csv, line 1: no column for time_s, voltage_V, current_A/,
    );
    expect(() =>
      parseCyclingFile(text, {
        columnMap: { time_s: 'Time', voltage_V: 'Spannung', current_A: 'Strom (mA)' },
      }),
    ).toThrow(/column map names a column that is not in the file/);
  });
  it('points at the line and field of a bad number and of time running backwards', () => {
    const bad = 'time_s,voltage_V,current_A\n0,3,0\n1,abc,0\n';
    expect(() => parseCyclingFile(bad, { format: 'generic', fileName: 'b.csv' })).toThrow(
      /b\.csv, line 3: voltage_V: not a number/,
    );
    const back = 'time_s,voltage_V,current_A\n0,3,0\n5,3,0\n4,3,0\n';
    expect(() => parseCyclingFile(back, { format: 'generic', fileName: 'c.csv' })).toThrow(
      /line 4: time_s: time runs backwards/,
    );
  });
  it('reads a 10⁵-row file column by column', () => {
    const rows = ['time_s,voltage_V,current_A,cycle'];
    for (let i = 0; i < 100000; i++)
      rows.push(`${i},${(3 + i * 1e-5).toFixed(5)},${i % 2 ? 0.5 : -0.5},${1 + Math.floor(i / 1000)}`);
    const d = parseCyclingFile(rows.join('\n'), { format: 'generic' });
    expect(d.length).toBe(100000);
    expect(last(d.columns.voltage_V)).toBe(3.99999);
    expect(last(d.columns.cycle)).toBe(100);
  });
});

describe('format detection', () => {
  it('recognises each reference file and lets the caller override', () => {
    const cases: [string, string][] = [
      ['FastCharge_000025_CH8.csv', 'arbin'],
      ['PredictionDiagnostics_000151_test.052', 'maccor'],
      ['maccor_test_file_4267-66-6519.041', 'maccor'],
      ['test_loopsnewoutput_MB_CE1_short10k.csv', 'biologic'],
      ['test_Nova_Form-CH01-01_short.csv', 'novonix'],
    ];
    for (const [f, fmt] of cases) expect(detectCyclerFormat(fixture(f).toString('utf8'))).toBe(fmt);
    // forcing the wrong reader is an InputError naming the missing columns
    expect(() => read('FastCharge_000025_CH8.csv', { format: 'maccor' })).toThrow(InputError);
    expect(() => read('FastCharge_000025_CH8.csv', { format: 'nope' })).toThrow(/unknown cycler format/);
  });
  it('refuses an unknown file with one sentence naming the generic format', () => {
    expect(() => parseCyclingFile('hello,world\n1,2\n', { fileName: 'h.csv' })).toThrow(/generic format/);
    expect(() => parseCyclingFile(new Uint8Array([1, 0, 2]), { fileName: 'b.bin' })).toThrow(/binary/);
  });
});

function onlyInputErrors(run: () => CyclingData | undefined): boolean {
  try {
    const d = run();
    if (d) {
      // a successful read must be self-consistent
      expect(d.columns.time_s.length).toBe(d.length);
      expect(d.columns.voltage_V.length).toBe(d.length);
    }
    return true;
  } catch (e) {
    if (e instanceof InputError) return true;
    throw e;
  }
}

describe('random garbage gives an InputError, never a crash', () => {
  it('arbitrary text and bytes, auto-detected or forced', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.constantFrom(undefined, ...CYCLER_FORMATS), (s, format) =>
        onlyInputErrors(() => parseCyclingFile(s, { format })),
      ),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => onlyInputErrors(() => parseCyclingFile(b))),
      { numRuns: 200 },
    );
  });
  it('real files with a line replaced by garbage or cut short', () => {
    const files = [
      'FastCharge_000025_CH8.csv',
      'PredictionDiagnostics_000151_test.052',
      'maccor_test_file_4267-66-6519.041',
      'test_Nova_Form-CH01-01_short.csv',
    ].map((f) => fixture(f).toString('utf8').split('\n').slice(0, 80));
    fc.assert(
      fc.property(
        fc.nat(3),
        fc.nat(79),
        fc.string({ maxLength: 60 }),
        fc.nat(5000),
        (which, line, garbage, cut) => {
          const lines = [...files[which]];
          lines[line] = garbage;
          const text = lines.join('\n').slice(0, cut);
          return onlyInputErrors(() => parseCyclingFile(text));
        },
      ),
      { numRuns: 300 },
    );
  });
  it('header-like garbage with the right signatures', () => {
    const heads = [
      '[Summary]\n',
      "Today's Date x\nRec#\tCyc#\t",
      'Data_Point,Test_Time,Cycle_Index,',
      'Ewe/V;I/mA;',
      'EC-Lab ASCII FILE\nNb header lines : ',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...heads), fc.string({ maxLength: 200 }), (h, s) =>
        onlyInputErrors(() => parseCyclingFile(h + s)),
      ),
      { numRuns: 400 },
    );
  });
});

describe('BioLogic .mpt text with a header block', () => {
  it('skips "Nb header lines", reads tabs and decimal commas, keeps header pairs as metadata', () => {
    const mpt = [
      'EC-Lab ASCII FILE',
      'Nb header lines : 5',
      '',
      'Electrode material : NVP',
      'mode\tox/red\ttime/s\tEwe/V\t<I>/mA\tcycle number',
      '1\t1\t0,0\t3,400\t0,120\t0',
      '1\t1\t10,0\t3,410\t0,120\t0',
      '1\t0\t20,0\t3,390\t-0,120\t0',
    ].join('\r\n');
    const d = parseCyclingFile(Buffer.from(mpt, 'latin1'), { fileName: 'x.mpt' });
    expect(d.format).toBe('biologic');
    expect(d.length).toBe(3);
    expect(Array.from(d.columns.time_s)).toEqual([0, 10, 20]);
    expect(Array.from(d.columns.current_A)).toEqual([0.00012, 0.00012, -0.00012]);
    expect(d.metadata['Electrode material']).toBe('NVP');
  });
});

describe('allocation-free number parsing', () => {
  it('gives exactly the double Number() gives, for any decimal text', () => {
    const forms = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => String(x)),
      fc
        .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 12 }))
        .map(([x, d]) => x.toFixed(d)),
      fc
        .tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 16 }))
        .map(([x, d]) => x.toExponential(d)),
      fc.stringMatching(/^[ +-]?[0-9]{0,20}(\.[0-9]{0,20})?([eE][+-]?[0-9]{0,4})? ?$/),
    );
    fc.assert(
      fc.property(forms, (s) => {
        const expected = parseNumber(s, '.');
        const got = parseNumberAt(`;${s};`, 1, s.length + 1, '.');
        return Object.is(got, expected) || (Number.isNaN(got) && Number.isNaN(expected));
      }),
      { numRuns: 3000 },
    );
  });
  it('reads decimal commas', () => {
    expect(parseNumberAt('3,25', 0, 4, ',')).toBe(3.25);
    expect(parseNumberAt('-1,5E-3', 0, 7, ',')).toBe(-0.0015);
  });
});

describe('BioLogic .mpl log', () => {
  it('gives the date order, the metadata and the programmed steps', () => {
    const log = parseBiologicLog(fixture('test_loopsnewoutput_MB_CE1_short10k.mpl'), 'run.mpl');
    expect(log.dateOrder).toBe('MDY');
    expect(log.metadata['Acquisition started on']).toBe('05/05/2021 15:36:22');
    expect(log.metadata['Mass of active material']).toBe('0.001 mg');
    expect(log.protocol.slice(0, 6).map((p) => `${p.ns}:${p.controlType}:${p.direction}`)).toEqual([
      '0:Rest:Charge',
      '1:CC:Charge',
      '2:Rest:Charge',
      '3:CC:Charge',
      '4:CV:Charge',
      '5:CC:Discharge',
    ]);
    expect(log.protocol[3]).toMatchObject({
      controlValue: '357.200',
      controlUnit: 'mA',
      limitType: 'Ecell',
      limitValue: '4.200',
    });
  });
  it('settles the date order of the data file, without the ambiguity warning', () => {
    const d = read('test_loopsnewoutput_MB_CE1_short10k.csv', {
      logText: fixture('test_loopsnewoutput_MB_CE1_short10k.mpl'),
    });
    expect(d.warnings.some((w) => /day\/month order/.test(w))).toBe(false);
    expect(d.protocol?.[4]).toEqual({ step: 4, controlType: 'CV', direction: 'Charge', limit: '|I| 71.500' });
    expect(d.metadata['log: Time format']).toBe('Absolute MMDDYYYY');
  });
  it('refuses a file that is not a log', () => {
    expect(() => parseBiologicLog('hello', 'x.mpl')).toThrow(InputError);
  });
});
