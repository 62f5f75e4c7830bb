/**
 * The guides' TypeScript, type-checked: every ```ts (or ```typescript) block of README.md and docs/*.md is
 * compiled, in one program, against the package's sources, as a user's file importing `immuta-redshift`
 * would be.
 *
 * The conventions a guide follows (so that its examples read as they would in a user's code):
 *
 * - Each block is its own module. A block may use, without declaring them, the names of {@link SHARED_NAMES}
 *   (`client`, `payload`, `id`, `fake`, …): what the guide's earlier blocks or the reader's own code define.
 *   A block that declares such a name itself uses its own.
 * - A relative import names the reader's own code (`../src/setup.js`): {@link READER_MODULES} declares what
 *   the guides import from it.
 * - A block that cannot be checked is fenced ```ts nocheck (the word after the language; GitHub and TypeDoc
 *   ignore it). Say why in the text around it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** One fenced block: where it starts (the line of its first code line, 1-based) and its code. */
export interface Snippet {
  /** The guide, relative to the project root, e.g. `docs/testing.md`. */
  file: string;
  /** The 1-based line of the block's first line of code in that file. */
  line: number;
  code: string;
  /** Fenced ```ts nocheck: extracted, not compiled. */
  nocheck: boolean;
}

/** A compile error in a snippet, placed in its guide. */
export interface SnippetProblem {
  /** `docs/testing.md:42:5`. */
  where: string;
  /** `TS2304: Cannot find name 'x'.` */
  message: string;
}

/** The package's entry points, by import path, as the guides import them. */
export const ENTRY_SOURCES: Readonly<Record<string, string>> = {
  'immuta-redshift': 'src/index.ts',
  'immuta-redshift/config': 'src/config/index.ts',
  'immuta-redshift/redshift': 'src/redshift/index.ts',
  'immuta-redshift/testing': 'src/testing/index.ts',
  'immuta-redshift/testing/msw': 'src/testing/msw.ts',
  'immuta-redshift/yaml': 'src/yaml/index.ts',
};

/**
 * The names a guide's block may use without declaring them: defined by an earlier block of the same guide, or
 * by the reader. Declared globally, so a block's own declaration of the same name shadows them.
 */
export const SHARED_NAMES = `
declare const client: import('immuta-redshift').RedshiftIntegrationClient;
declare const payload: import('immuta-redshift').RedshiftIntegrationPayload;
declare const newPayload: import('immuta-redshift').RedshiftIntegrationPayload;
declare const id: string;
declare const integration: import('immuta-redshift').Integration;
declare const setup: import('immuta-redshift').ManualSetup;
declare const username: string;
declare const password: string;
declare const desired: import('immuta-redshift/config').DesiredState;
declare const runner: import('immuta-redshift/redshift').RedshiftRunner;
declare const fake: import('immuta-redshift/testing').FakeImmuta;
declare const expect: typeof import('vitest').expect;
/** The reader's own way to run SQL in Redshift. */
declare function runInRedshift(database: string, sql: string): Promise<void>;
`;

/** What the guides import from the reader's own code, by the path they import it with. */
export const READER_MODULES: Readonly<Record<string, string>> = {
  '../src/setup.js': `
import type { Integration, RedshiftIntegrationClient } from 'immuta-redshift';
/** The reader's code under test in docs/testing.md. */
export declare function setUpRedshift(client: RedshiftIntegrationClient): Promise<Integration>;
`,
};

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)([^`]*)$/;

/** Every fenced ```ts / ```typescript block of one markdown text. */
export function snippetsOf(file: string, markdown: string): Snippet[] {
  const lines = markdown.split(/\r?\n/);
  const snippets: Snippet[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index]!);
    if (!open) continue;
    const [, indent, fence, language, rest] = open;
    const close = lines.findIndex(
      (text, at) => at > index && text.trim().startsWith(fence!) && /^[`~]+$/.test(text.trim()),
    );
    const end = close === -1 ? lines.length : close;
    if (language === 'ts' || language === 'typescript') {
      const body = lines
        .slice(index + 1, end)
        .map((text) => (text.startsWith(indent!) ? text.slice(indent!.length) : text));
      snippets.push({ file, line: index + 2, code: body.join('\n'), nocheck: /\bnocheck\b/.test(rest!) });
    }
    index = end;
  }
  return snippets;
}

/** The guides whose blocks are checked: README.md and docs/*.md (not the generated docs/api). */
export function guideFiles(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'), { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => `docs/${entry.name}`)
    .sort();
  return ['README.md', ...docs];
}

/** Every block of every guide. */
export function collectSnippets(root: string): Snippet[] {
  return guideFiles(root).flatMap((file) => snippetsOf(file, readFileSync(join(root, file), 'utf8')));
}

/**
 * Compiles the snippets in one program and returns each one's problems, in the order given. `root` is the
 * project root: its tsconfig.json gives the compiler options, and the entry points map to its sources.
 */
export function checkSnippets(root: string, snippets: readonly Snippet[]): SnippetProblem[][] {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${configPath}`);
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: true,
    paths: Object.fromEntries(
      Object.entries(ENTRY_SOURCES).map(([specifier, source]) => [specifier, [join(root, source)]]),
    ),
  };

  // The snippets live in a folder of their own that exists only in memory; the shared names beside them.
  const folder = join(root, '.docs-snippets');
  const files = new Map<string, string>();
  const sharedFile = join(folder, 'shared-names.d.ts');
  files.set(sharedFile, SHARED_NAMES);
  const readerFiles = new Map<string, string>();
  for (const [specifier, text] of Object.entries(READER_MODULES)) {
    const file = join(folder, 'reader', `${specifier.replace(/[^\w]+/g, '_')}.ts`);
    files.set(file, text);
    readerFiles.set(specifier, file);
  }
  const snippetFiles = snippets.map((snippet, index) => {
    const file = join(folder, `${index}-${snippet.file.replace(/[^\w]+/g, '_')}-${snippet.line}.ts`);
    // Every block is a module, so its own declarations shadow the shared names instead of clashing with them.
    files.set(file, snippet.nocheck ? 'export {};\n' : `${snippet.code}\nexport {};\n`);
    return file;
  });

  const host = ts.createCompilerHost(options, true);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (file) => files.has(resolve(file)) || fileExists.call(host, file);
  host.readFile = (file) => files.get(resolve(file)) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, onError, fresh) => {
    const text = files.get(resolve(file));
    return text === undefined
      ? getSourceFile.call(host, file, language, onError, fresh)
      : ts.createSourceFile(file, text, language, true);
  };
  const cache = ts.createModuleResolutionCache(root, (name) => name, options);
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, compilerOptions, containingSource) =>
    literals.map((literal) => {
      const reader = files.has(resolve(containingFile)) ? readerFiles.get(literal.text) : undefined;
      if (reader) return { resolvedModule: { resolvedFileName: reader, extension: ts.Extension.Ts } };
      const mode = ts.getModeForUsageLocation(containingSource, literal, compilerOptions);
      return ts.resolveModuleName(literal.text, containingFile, compilerOptions, host, cache, redirected, mode);
    });

  const program = ts.createProgram({ rootNames: [sharedFile, ...snippetFiles], options, host });
  const sharedSource = program.getSourceFile(sharedFile);
  const shared = [...program.getSyntacticDiagnostics(sharedSource), ...program.getSemanticDiagnostics(sharedSource)];
  if (shared.length > 0 || program.getOptionsDiagnostics().length > 0) {
    const all = [...program.getOptionsDiagnostics(), ...shared];
    throw new Error(
      `the shared names do not compile:\n${all.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n')}`,
    );
  }

  return snippets.map((snippet, index) => {
    const source = program.getSourceFile(snippetFiles[index]!)!;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    return diagnostics.map((diagnostic) => {
      const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      return {
        where: `${snippet.file}:${snippet.line + line}:${character + 1}`,
        message: `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
      };
    });
  });
}

/** The project root, from this file. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
