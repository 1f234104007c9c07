import { readFileSync, readdirSync } from 'node:fs';
import { parseImpedance } from '../src/io/eis/index.ts';
const base = '/work/shared/refdata/eis/';
for (const dir of ['', 'pydrttools/', 'solid_electrolyte/']) {
  for (const f of readdirSync(base + dir)) {
    if (f.endsWith('.md') || !f.includes('.')) continue;
    try {
      const s = parseImpedance(readFileSync(base + dir + f), { fileName: f });
      const n = s.frequencyHz.length;
      console.log(dir + f, s.format, n, [s.frequencyHz[0], s.zReal[0], s.zImag[0]].join(','), '|', [s.frequencyHz[n-1], s.zReal[n-1], s.zImag[n-1]].join(','), JSON.stringify(s.metadata), s.warnings.join(';').slice(0,80));
    } catch (e) { console.log(dir + f, 'ERR', (e as Error).message); }
  }
}
