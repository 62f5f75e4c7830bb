/**
 * `npm run bench`: prints each benchmark against its target. Targets live here, never in `npm test`.
 */
import { benchWait } from './wait.js';

interface Row {
  benchmark: string;
  result: string;
  target: string;
  met: boolean;
}

const rows: Row[] = [];
const wait = await benchWait();
rows.push(
  {
    benchmark: 'waitUntilEnabled, enabled 4 s after create: notice delay (worst of 3)',
    result: `${Math.round(wait.worstLateMs)} ms`,
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
