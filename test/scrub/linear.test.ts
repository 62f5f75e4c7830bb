/**
 * The work of scrubbing is linear in the text and does not grow with the number or length of the secrets:
 * counted in automaton steps (transitions and failure links followed), never in wall-clock time.
 */
import { describe, expect, it } from 'vitest';
import { scrub } from '../../src/internal/scrub.js';
import { searchCounters } from '../../src/internal/scrub/search.js';

function stepsFor(text: string, secrets: readonly string[]): number {
  searchCounters.steps = 0;
  scrub(text, secrets);
  return searchCounters.steps;
}

/** Inputs built to make a naive matcher backtrack or restart, each with secrets that almost match them. */
const HOSTILE: [string, (size: number) => string, readonly string[]][] = [
  ['one letter repeated', (n) => 'a'.repeat(n), ['a'.repeat(60) + 'b', 'aaaaaaab', 'a'.repeat(15_000) + 'c']],
  ['a period of two', (n) => 'ab'.repeat(n / 2), ['ab'.repeat(30) + 'c', 'abababac']],
  ['backslashes', (n) => '\\'.repeat(n), ['\\'.repeat(20) + 'x', 'secret\\\\value']],
  ['backslash u', (n) => '\\u00'.repeat(n / 4), ['\\u0041secret-value', 'u00u00u00x']],
  ['percent signs', (n) => '%'.repeat(n), ['%%%%%%%%x', 'pct-%41-secret']],
  ['stacked %25', (n) => '%25'.repeat(n / 3), ['%25%25%2541x', '%%%%%%%%y']],
  ['entity starts', (n) => '&#'.repeat(n / 2), ['&#&#&#&#x', '&#65;&#66;secret']],
  ['white space of every kind', (n) => ' \t\n+'.repeat(n / 4), ['a b c d e f g', '+ + + + x']],
  ['base64-like text', (n) => 'QUFB'.repeat(n / 4), ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAA!', 'QUFBQUFBQUFBQUFB!']],
];

describe('the work is linear in the text', () => {
  it.each(HOSTILE)('%s', (_name, text, secrets) => {
    const small = stepsFor(text(40_000), secrets);
    const large = stepsFor(text(80_000), secrets);
    // A constant number of steps per character, whatever the text: twice the text, twice the work.
    expect(large).toBeLessThanOrEqual(16 * 80_000);
    expect(large).toBeLessThanOrEqual(2.5 * small);
  });
});

describe('the work does not grow with the secrets', () => {
  const text = Array.from(
    { length: 2_000 },
    (_, i) => `line ${i}: status creating, id ${i * 7}, see /docs?q=a%20b`,
  ).join('\n');
  const secretsOf = (count: number, length: number) =>
    Array.from({ length: count }, (_, i) => `${i.toString(36)}-${'s3cr3t-'.repeat(length / 7)}`.slice(0, length));

  it('2,000 secrets cost about what 3 cost', () => {
    expect(stepsFor(text, secretsOf(2_000, 40))).toBeLessThanOrEqual(1.5 * stepsFor(text, secretsOf(3, 40)));
  });

  it('a 15,000-character secret costs about what a 20-character one costs', () => {
    expect(stepsFor(text, secretsOf(1, 15_000))).toBeLessThanOrEqual(1.5 * stepsFor(text, secretsOf(1, 20)));
  });
});
