import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkSnippets,
  collectSnippets,
  ENTRY_SOURCES,
  PROJECT_ROOT,
  type Snippet,
  type SnippetProblem,
  snippetsOf,
} from './support/docs-snippets.js';

const snippets = collectSnippets(PROJECT_ROOT);

/** A block that does not compile, checked with the guides' blocks to prove the check fails on one. */
const broken: Snippet = {
  file: 'docs/self-test.md',
  line: 10,
  code: [
    "import { RedshiftIntegrationClient } from 'immuta-redshift';",
    '',
    "const slow = new RedshiftIntegrationClient({ timeoutMs: 'a minute' });",
  ].join('\n'),
  nocheck: false,
};

let problems: Map<Snippet, SnippetProblem[]>;
beforeAll(() => {
  const checked = [...snippets, broken];
  const found = checkSnippets(PROJECT_ROOT, checked);
  problems = new Map(checked.map((snippet, index) => [snippet, found[index]!]));
});

describe("the guides' TypeScript", () => {
  it('is found in README.md and the guides', () => {
    const files = new Set(snippets.map((snippet) => snippet.file));
    expect(files).toContain('README.md');
    expect(files).toContain('docs/getting-started.md');
    expect(snippets.length).toBeGreaterThan(20);
  });

  it.each(snippets.map((snippet) => [`${snippet.file}:${snippet.line}`, snippet] as const))(
    '%s compiles',
    (_where, snippet) => {
      if (snippet.nocheck) return;
      expect(problems.get(snippet)!.map(({ where, message }) => `${where} ${message}`)).toEqual([]);
    },
  );

  it('reports a block that stops compiling at its line in its guide', () => {
    expect(problems.get(broken)).toEqual([
      { where: 'docs/self-test.md:12:46', message: expect.stringContaining('TS2322') },
    ]);
  });

  it('maps every entry point the package exports to its source', () => {
    const { exports } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    const entries = Object.keys(exports)
      .filter((key) => !key.endsWith('.json'))
      .map((key) => key.replace(/^\./, 'immuta-redshift'));
    expect(Object.keys(ENTRY_SOURCES).sort()).toEqual(entries.sort());
  });
});

describe('snippetsOf', () => {
  it('takes ts and typescript blocks with the line of their first code line, and nothing else', () => {
    const markdown = [
      '# Guide', // 1
      '```sh', // 2
      'npm install immuta-redshift', // 3
      '```', // 4
      '```ts', // 5
      'const a = 1;', // 6
      '```', // 7
      '- a list item:', // 8
      '  ```typescript nocheck', // 9
      '  const b = 2;', // 10
      '  ```', // 11
      '````md', // 12
      '```ts', // 13
      'not a block of its own', // 14
      '```', // 15
      '````', // 16
    ].join('\n');
    expect(snippetsOf('guide.md', markdown)).toEqual([
      { file: 'guide.md', line: 6, code: 'const a = 1;', nocheck: false },
      { file: 'guide.md', line: 10, code: 'const b = 2;', nocheck: true },
    ]);
  });
});
