import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { parseImpedance } from './index.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/eis/${name}`, import.meta.url));

// [file, format, points, first (f, Z', Z''), last (f, Z', Z'')] — values copied from the files'
// text; Z'' in the capacitive-negative convention (BioLogic's −Im(Z) column is negated).
const CASES: [string, string, number, [number, number, number], [number, number, number]][] = [
  [
    'exampleData.csv',
    'csv',
    66,
    [3.1623e-3, 0.0494998977640506, -0.020438698544418925],
    [1e4, 0.015771482660485933, 0.010157474564938236],
  ],
  [
    'exampleDataAutolab.txt',
    'autolab',
    41,
    [10000, 0.013785863964281, 0.007191946305823],
    [0.1, 0.0345697771923854, -0.00390292888845954],
  ],
  [
    'exampleDataBioLogic.mpt',
    'biologic',
    43,
    [1.0003201e3, 6.5470886e1, -3.8998979e-1],
    [1.689554e-2, 1.1097003e2, -2.3458567],
  ],
  ['exampleDataCHInstruments.txt', 'chinstruments', 73, [9.961e4, 9.891e1, -2.748], [0.1, 5.685e3, -1.586e4]],
  ['exampleDataGamry.DTA', 'gamry', 72, [200015.6, 825.8584, -1367.239], [0.0158898, 17007.49, -6635.557]],
  [
    'exampleDataParstat.txt',
    'parstat',
    31,
    [10000, -0.00049816280376104, 0.0175143479976367],
    [10, 0.0270946491457229, -0.00399791080333837],
  ],
  [
    'exampleDataPowersuite.txt',
    'powersuite',
    30,
    [0.1, 423929.46, -49014.063],
    [2000000, -470.54113, -1397.7358],
  ],
  [
    'exampleDataVersaStudio.par',
    'versastudio',
    61,
    [100000, 55.31571, 4.575431],
    [0.02154435, 1516.313, -122.8279],
  ],
  ['exampleDataZPlot.z', 'zplot', 21, [300000, 147.77, -11.335], [3000, 613.68, -137.13]],
  ['Circuit1_EIS_1.z', 'zplot', 48, [50000, 29.036, 0.63662], [1, 75.803, -0.16244]],
  ['Circuit2_EIS_1.z', 'zplot', 56, [300000, 147.77, -11.335], [1, 654.19, 0.64271]],
  ['Circuit3_EIS_1.z', 'zplot', 53, [150000, 1493.7, 10.377], [1, 6137.5, 17.89]],
  [
    'pydrttools/1ZARC.csv',
    'csv',
    81,
    [0.01, 59.20397431908595, 0.5913301898954791],
    [1e6, 10.317831664834927, 31.16422514427696],
  ],
  [
    'pydrttools/2XZARCequal.csv',
    'csv',
    81,
    [0.01, 109.20290876708647, 0.5880511754718125],
    [1e6, 10.408381287333036, -0.5252730161516496],
  ],
  [
    'pydrttools/LIB_data.txt',
    'csv',
    107,
    [999.040405, 0.112362966, 0.00318273902],
    [0.00500083202, 0.151735559, -0.0137396762],
  ],
  [
    'pydrttools/LIB_data_2.txt',
    'csv',
    100,
    [999.040405, 0.109553248, 0.00347053236],
    [0.0100057628, 0.14091441, -0.0162083209],
  ],
  [
    'pydrttools/data_1.csv',
    'csv',
    107,
    [999.040405, 0.109963283, 0.003569859],
    [0.005000832, 0.145364374, -0.021382034],
  ],
  [
    'solid_electrolyte/Example2a.txt',
    'novocontrol',
    51,
    [1e6, 3.8055903e3, -6.3180615e3],
    [3.0000001e-1, 2.1831467e5, -1.5082122e5],
  ],
  ['solid_electrolyte/Example2b.txt', 'novocontrol', 50, [1e6, 3603.82, -8578.35], [1, 182762, -435920]],
  [
    'solid_electrolyte/Example2c.txt',
    'novocontrol',
    42,
    [1e6, 17362.7, -68814.5],
    [0.04, 10349400, -2431740],
  ],
  [
    'solid_electrolyte/s04147-140deg.txt',
    'novocontrol',
    42,
    [1e6, 2.21423e4, -5.43115e4],
    [3e-2, 3.27266e6, -1.40853e6],
  ],
  [
    'solid_electrolyte/s04147-150deg.txt',
    'novocontrol',
    42,
    [1e6, 22696.8, -46373],
    [0.03, 2033440, -1051800],
  ],
  [
    'solid_electrolyte/s04147-160deg.txt',
    'novocontrol',
    42,
    [1e6, 21112.2, -39556.8],
    [0.03, 1328530, -793978],
  ],
  [
    'solid_electrolyte/s04147-170deg.txt',
    'novocontrol',
    41,
    [1e6, 20791.5, -33304],
    [0.045773, 802011, -461894],
  ],
  [
    'solid_electrolyte/s04147-180deg.txt',
    'novocontrol',
    41,
    [1e6, 19624.1, -27606.6],
    [0.045773, 547582, -344520],
  ],
  [
    'solid_electrolyte/s04147-190deg.txt',
    'novocontrol',
    41,
    [1e6, 17693.8, -22612.7],
    [0.045773, 381677, -256512],
  ],
  [
    'solid_electrolyte/s04147-200deg.txt',
    'novocontrol',
    40,
    [1e6, 15859.6, -18347.1],
    [0.069838, 235592, -137609],
  ],
];

describe('impedance readers: every reference file', () => {
  for (const [file, format, n, first, last] of CASES) {
    it(`${file}: ${format}, ${n} points, first and last values`, () => {
      const s = parseImpedance(fixture(file), { fileName: file.split('/').pop() });
      expect(s.format).toBe(format);
      expect(s.frequencyHz.length).toBe(n);
      expect(s.zReal.length).toBe(n);
      expect(s.zImag.length).toBe(n);
      const got0 = [s.frequencyHz[0], s.zReal[0], s.zImag[0]];
      const got1 = [s.frequencyHz[n - 1], s.zReal[n - 1], s.zImag[n - 1]];
      for (let k = 0; k < 3; k++) {
        expect(got0[k]).toBeCloseTo(first[k], 12 - Math.ceil(Math.log10(Math.abs(first[k]) + 1e-30)));
        expect(got1[k]).toBeCloseTo(last[k], 12 - Math.ceil(Math.log10(Math.abs(last[k]) + 1e-30)));
      }
    });
  }

  it('reads Latin-1 bytes (EC-Lab µF headers) and the same text given as a string', () => {
    const bytes = fixture('exampleDataBioLogic.mpt');
    const a = parseImpedance(bytes, { fileName: 'x.mpt' });
    const b = parseImpedance(bytes.toString('latin1'), { fileName: 'x.mpt' });
    expect(Array.from(a.zImag)).toEqual(Array.from(b.zImag));
  });

  it('reads geometry and temperature from the solid-electrolyte header, temperature from the name', () => {
    const a = parseImpedance(fixture('solid_electrolyte/Example2a.txt'), { fileName: 'Example2a.txt' });
    expect(a.metadata.diameterMm).toBe(13);
    expect(a.metadata.thicknessMm).toBe(0.75);
    expect(a.metadata.temperatureC).toBe(25);
    const text = fixture('exampleData.csv').toString('utf8');
    expect(parseImpedance(text, { fileName: 'cell_60degC.csv' }).metadata).toMatchObject({
      temperatureC: 60,
      temperatureSource: 'file name',
    });
  });

  it('headerless CSV warns about the assumed columns and honours the −Z″ override', () => {
    const text = fixture('exampleData.csv').toString('utf8');
    const s = parseImpedance(text, { fileName: 'a.csv' });
    expect(s.warnings[0]).toMatch(/no header/);
    const m = parseImpedance(text, { fileName: 'a.csv', imagColumn: 'minusZ' });
    expect(m.zImag[0]).toBeCloseTo(-s.zImag[0], 15);
  });

  it('decimal commas with a semicolon or tab delimiter', () => {
    const s = parseImpedance("Frequency (Hz);Z' (Ohm);-Z'' (Ohm)\n1000,5;10,25;0,5\n10;20;5\n", {
      fileName: 'eu.csv',
    });
    expect(Array.from(s.frequencyHz)).toEqual([1000.5, 10]);
    expect(Array.from(s.zReal)).toEqual([10.25, 20]);
    expect(Array.from(s.zImag)).toEqual([-0.5, -5]);
  });

  it('format override is honoured and a wrong one is an InputError', () => {
    const text = fixture('exampleData.csv').toString('utf8');
    expect(() => parseImpedance(text, { format: 'gamry', fileName: 'a.csv' })).toThrow(/ZCURVE/);
    expect(() => parseImpedance(text, { format: 'nope' as never })).toThrow(InputError);
  });

  it('a bad number names the line and the column', () => {
    const bad = 'f,Zre,Zim\n1,2,3\n10,abc,4\n100,5,6\n';
    try {
      parseImpedance(bad, { fileName: 'bad.csv' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).line).toBe(3);
      expect((e as InputError).field).toBe('Zre');
    }
  });

  it('random garbage gives an InputError or a valid spectrum, never a crash', () => {
    const formats = [
      'auto',
      'biologic',
      'gamry',
      'zplot',
      'autolab',
      'parstat',
      'versastudio',
      'csv',
    ] as const;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc
            .array(
              fc.oneof(
                fc.constant('EC-Lab ASCII FILE'),
                fc.constant('ZPLOT2 ASCII'),
                fc.constant('End Comments'),
                fc.constant('ZCURVE\tTABLE'),
                fc.constant('Freq,Zre,Zim'),
                fc.string(),
                fc.tuple(fc.double(), fc.double(), fc.double()).map((t) => t.join(',')),
              ),
              { maxLength: 12 },
            )
            .map((l) => l.join('\n')),
          fc.uint8Array({ maxLength: 200 }),
        ),
        fc.constantFrom(...formats),
        (input, format) => {
          try {
            const s = parseImpedance(input, { fileName: 'g.txt', format });
            expect(s.frequencyHz.length).toBeGreaterThan(0);
            for (const v of s.frequencyHz) expect(v).toBeGreaterThan(0);
            for (const v of s.zReal) expect(Number.isFinite(v)).toBe(true);
          } catch (e) {
            if (!(e instanceof InputError)) throw e;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
