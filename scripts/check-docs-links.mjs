/**
 * Checks the generated API reference (`docs/api/`, written by `npm run docs`) for broken internal links.
 * Run by `npm run check`, after `npm run docs`.
 *
 * Every `href` and `src` in every `.html` page that is relative (not `http:`, `https:`, `mailto:`, `data:`
 * or any other scheme, not protocol-relative, not a bare `#`) is resolved against its page and must name a
 * file inside the site; a `#fragment` must name an `id` (or an `<a name>`) in the target page (or SVG
 * sprite). No page may link to a raw markdown file: the guides are rendered as pages, so a link to a `.md`
 * file means a guide or the README points at something TypeDoc did not render. The paths of the sidebar
 * navigation and the search index (TypeDoc's compressed `assets/navigation.js` and `assets/search.js`)
 * are checked the same way.
 *
 * Usage: `node scripts/check-docs-links.mjs [site directory]` (default `docs/api`). Exits 1 and prints
 * each broken link as `file -> href` when any is broken.
 */
import { Buffer } from 'node:buffer';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';

const root = resolve(import.meta.dirname, '..');
const site = resolve(root, process.argv[2] ?? join('docs', 'api'));

if (!existsSync(site) || !statSync(site).isDirectory()) {
  console.error(`check-docs-links: ${relative(root, site) || site} does not exist; run \`npm run docs\` first`);
  process.exit(1);
}

/** Named and numeric character references, as far as attribute values in TypeDoc's output need. */
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** `decodeURIComponent`, or the text as is when it is not valid percent-encoding. */
function decodePercent(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Markup without comments and without the bodies of `<script>` and `<style>` (their opening tags stay). */
function stripNonMarkup(html) {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<script\b[^>]*>)[\s\S]*?<\/script\s*>/gi, '$1')
    .replace(/(<style\b[^>]*>)[\s\S]*?<\/style\s*>/gi, '$1');
}

const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Each start tag's name and (decoded) attributes, in document order. */
function* tags(markup) {
  for (const [, name, rawAttributes] of markup.matchAll(TAG)) {
    const attributes = new Map();
    for (const [, key, double, single, bare] of rawAttributes.matchAll(ATTRIBUTE)) {
      const attribute = key.toLowerCase();
      if (!attributes.has(attribute)) attributes.set(attribute, decodeEntities(double ?? single ?? bare ?? ''));
    }
    yield { name: name.toLowerCase(), attributes };
  }
}

/** Every file under a directory, as absolute paths. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

const files = filesUnder(site);
const pages = files.filter((file) => extname(file).toLowerCase() === '.html');

/** The anchors (`id`s, and `name`s of `<a>`) of a page or SVG, read once. */
const anchorCache = new Map();
function anchorsOf(file) {
  let anchors = anchorCache.get(file);
  if (!anchors) {
    anchors = new Set();
    for (const { name, attributes } of tags(stripNonMarkup(readFileSync(file, 'utf8')))) {
      if (attributes.has('id')) anchors.add(attributes.get('id'));
      if (name === 'a' && attributes.has('name')) anchors.add(attributes.get('name'));
    }
    anchorCache.set(file, anchors);
  }
  return anchors;
}

/** Is this URL one the site does not serve itself (a scheme, or protocol-relative)? */
const isExternal = (url) => /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//');

/**
 * Why a relative URL is broken, or `undefined` when it is not. `base` is the file it resolves against (the
 * page itself, or the site's `index.html` for the navigation and search data).
 */
function problemWith(url, base) {
  const target = new URL(url, pathToFileURL(base));
  const fragment = target.hash ? decodePercent(target.hash.slice(1)) : '';
  target.hash = '';
  target.search = '';
  let path = fileURLToPath(target);
  if (/\.(md|markdown)$/i.test(path)) return 'links to a raw markdown file';
  if (path !== site && !path.startsWith(site + sep)) return 'points outside the site';
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
  if (!existsSync(path)) return 'no such file';
  if (!fragment) return undefined;
  const kind = extname(path).toLowerCase();
  if (kind !== '.html' && kind !== '.svg') return undefined;
  if (!anchorsOf(path).has(fragment)) return `no id "${fragment}" in ${relative(site, path)}`;
  return undefined;
}

/** Broken links by `file -> href`, each with its problem and how often it occurs. */
const broken = new Map();
let links = 0;
let anchored = 0;

function check(url, from, base) {
  const value = url.trim();
  if (value === '' || value === '#' || isExternal(value)) return;
  links += 1;
  if (value.includes('#') && !value.endsWith('#')) anchored += 1;
  const problem = problemWith(value, base);
  if (!problem) return;
  const key = `${relative(process.cwd(), from)} -> ${value}`;
  const seen = broken.get(key);
  if (seen) seen.count += 1;
  else broken.set(key, { problem, count: 1 });
}

for (const page of pages) {
  for (const { attributes } of tags(stripNonMarkup(readFileSync(page, 'utf8')))) {
    for (const attribute of ['href', 'src', 'xlink:href']) {
      if (attributes.has(attribute)) check(attributes.get(attribute), page, page);
    }
  }
}

/**
 * TypeDoc's navigation and search index: `window.<name> = "<base64 of deflated JSON>"`, with paths relative
 * to the site root. A format this does not recognise is skipped with a note, never reported as broken.
 */
function checkCompressedData(asset, variable, collect) {
  const file = join(site, 'assets', asset);
  if (!existsSync(file)) return;
  const match = readFileSync(file, 'utf8').match(new RegExp(`window\\.${variable}\\s*=\\s*"([A-Za-z0-9+/=]*)"`));
  let data;
  try {
    data = match && JSON.parse(inflateSync(Buffer.from(match[1], 'base64')).toString('utf8'));
  } catch {
    data = undefined;
  }
  if (!data) {
    console.warn(`check-docs-links: note: could not read ${relative(root, file)}; its paths were not checked`);
    return;
  }
  for (const url of collect(data)) check(url, file, join(site, 'index.html'));
}

checkCompressedData('navigation.js', 'navigationData', function* paths(nodes) {
  for (const node of Array.isArray(nodes) ? nodes : []) {
    if (typeof node?.path === 'string') yield node.path;
    if (node?.children) yield* paths(node.children);
  }
});
checkCompressedData('search.js', 'searchData', function* urls(data) {
  for (const row of Array.isArray(data?.rows) ? data.rows : []) if (typeof row?.url === 'string') yield row.url;
});

if (broken.size > 0) {
  console.error(`check-docs-links: ${broken.size} broken link(s) in ${relative(process.cwd(), site) || '.'}:`);
  for (const [link, { problem, count }] of broken) {
    console.error(`  ${link}  (${problem}${count > 1 ? `; ${count} times` : ''})`);
  }
  process.exit(1);
}

console.log(
  `check-docs-links: ${pages.length} pages, ${links} internal links (${anchored} with #anchors) checked, none broken`,
);
