/**
 * `npm run bench`: prints each benchmark against its target. Targets live here, never in `npm test`.
 * Needs a build (`npm run bench` runs one first).
 */
import { benchHttp } from './http.js';
import { benchBundle, benchColdStart } from './size.js';
import { benchWait } from './wait.js';

interface Row {
  benchmark: string;
  result: string;
  target: string;
  met: boolean;
}

const rows: Row[] = [];
const ms = (value: number) => `${value < 1 ? value.toFixed(3) : value.toFixed(1)} ms`;

const http = await benchHttp();
rows.push(
  {
    benchmark: 'client.get(id) vs fetch + res.json() (median per call)',
    result: `${http.get.ratio.toFixed(2)}× (${ms(http.get.sdkMs)} vs ${ms(http.get.rawMs)})`,
    target: '≤ 1.15×',
    met: http.get.ratio <= 1.15,
  },
  {
    benchmark: 'client.list() of 5000, validated, vs fetch + res.json()',
    result: `${http.list.ratio.toFixed(2)}× (${ms(http.list.sdkMs)} vs ${ms(http.list.rawMs)})`,
    target: '≤ 1.5×',
    met: http.list.ratio <= 1.5,
  },
);

const wait = await benchWait();
rows.push(
  {
    benchmark: 'waitUntilEnabled, enabled 4 s after create: notice delay (worst of 3)',
    result: ms(wait.worstLateMs),
    target: '≤ 1000 ms',
    met: wait.worstLateMs <= 1_000,
  },
  {
    benchmark: 'waitUntilEnabled, enabled 4 s after create: reads (worst of 3)',
    result: String(wait.worstReads),
    target: '≤ 8',
    met: wait.worstReads <= 8,
  },
  {
    benchmark: 'long creation (20 min): poll interval settles at',
    result: `${wait.settlesAtMs / 1000} s (from ${Math.round(wait.settledAfterS)} s on)`,
    target: '= maxDelayMs ≤ 15 s',
    met: wait.settlesAtMs <= 15_000,
  },
);

const cold = benchColdStart();
rows.push({
  benchmark: "cold start: import('immuta-redshift') minus node -e 0 (median of 21)",
  result: `${ms(cold.esmMs)} (require: ${ms(cold.cjsMs)})`,
  target: '≤ 60 ms',
  met: cold.esmMs <= 60,
});

const bundle = await benchBundle();
rows.push({
  benchmark: 'bundle of import { RedshiftIntegrationClient } (esbuild, minified, gzip)',
  result: `${bundle.eagerKb.toFixed(1)} KB, yaml ${bundle.yamlEager ? 'IN it' : 'not in it'} (lazy YAML chunk ${bundle.lazyKb.toFixed(1)} KB)`,
  target: '≤ 32 KB, no yaml',
  met: bundle.eagerKb <= 32 && !bundle.yamlEager,
});

const cells = (row: Row) => [row.benchmark, row.result, row.target, row.met ? 'yes' : 'NO'];
const header = ['benchmark', 'result', 'target', 'met'];
const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => cells(row)[column]?.length ?? 0)),
);
const line = (values: string[]) => `| ${values.map((value, i) => value.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(`node ${process.version} on ${process.platform}/${process.arch}, ${new Date().toISOString().slice(0, 10)}`);
console.log(line(header));
console.log(line(widths.map((width) => '-'.repeat(width))));
for (const row of rows) console.log(line(cells(row)));
if (rows.some((row) => !row.met)) process.exitCode = 1;
