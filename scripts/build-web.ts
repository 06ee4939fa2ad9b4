// Builds the browser code of the signing, viewer and preview pages and of the console (src/web)
// into dist/web, served by the server under /assets/: three entry points sharing one pdf.js chunk, the CSS, and
// pdf.js's worker, CMaps, standard fonts, ICC profiles and wasm decoders, so that nothing is
// loaded from anywhere but Dojang itself. `npm run build:web`; runs before `npm start` and `npm test`.
//
// Every file's name carries its content's hash (pdf.js's resources, their package version), so the
// server lets browsers keep them for a year; manifest.json maps each entry to its file, for the
// pages' HTML. Text files are also written brotli- and gzip-compressed, served as they are.
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PDFJS = path.join(ROOT, 'node_modules/pdfjs-dist');
const ENTRIES = { sign: 'src/web/sign/main.ts', viewer: 'src/web/viewer/main.ts', console: 'src/web/console/main.ts', web: 'src/web/styles/web.css' };

/** dist/web/manifest.json: each entry (`sign.js`, `web.css`, …)'s built file, and the chunks each entry's JS imports (all of them, at any depth), for the pages to preload. */
export interface WebManifest {
  files: Record<string, string>;
  chunks: Record<string, string[]>;
}

export interface BuiltAsset {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** The chunks it imports statically (a page loads them with it). */
  imports: string[];
}

export async function buildWeb(options: { outdir?: string; minify?: boolean } = {}): Promise<BuiltAsset[]> {
  const target = options.outdir ?? path.join(ROOT, 'dist/web');
  // Built next to the target and swapped in at the end, so a running server never sees half a build.
  const outdir = `${target}.building-${process.pid}`;
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const worker = await readFile(path.join(PDFJS, 'legacy/build/pdf.worker.min.mjs'));
  const workerFile = `pdf.worker-${createHash('sha256').update(worker).digest('hex').slice(0, 8).toUpperCase()}.mjs`;
  const pdfjsVersion = (JSON.parse(await readFile(path.join(PDFJS, 'package.json'), 'utf8')) as { version: string }).version;
  const pdfjsDir = `pdfjs-${pdfjsVersion}`;
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    format: 'esm',
    splitting: true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    define: { __DOJANG_PDF_WORKER__: JSON.stringify(`/assets/${workerFile}`), __DOJANG_PDFJS_DIR__: JSON.stringify(`/assets/${pdfjsDir}/`) },
    minify: options.minify ?? true,
    // pdf.js's legacy build already targets older browsers (Samsung Internet, older iOS Safari).
    target: ['es2020', 'chrome92', 'safari15', 'firefox90'],
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  await writeFile(path.join(outdir, workerFile), worker);
  for (const dir of ['cmaps', 'standard_fonts', 'iccs', 'wasm']) {
    await cp(path.join(PDFJS, dir), path.join(outdir, pdfjsDir, dir), { recursive: true });
  }
  const assets: BuiltAsset[] = [];
  const manifest: WebManifest = { files: {}, chunks: {} };
  const relative = (file: string) => path.relative(path.relative(ROOT, outdir), file);
  // The entries' own files, and the console's stylesheet (split out of its entry by its import).
  const named = new Set([...Object.keys(ENTRIES).map((entry) => `${entry}.${entry === 'web' ? 'css' : 'js'}`), 'console.css']);
  for (const file of Object.keys(result.metafile.outputs)) {
    const name = path.basename(file).replace(/-[A-Z0-9]{8}(\.\w+)$/, '$1');
    if (named.has(name)) manifest.files[name] = relative(file);
  }
  manifest.files['pdf.worker.mjs'] = workerFile;
  const staticImports = (file: string) => (result.metafile.outputs[file]?.imports ?? []).filter((i) => i.kind === 'import-statement').map((i) => i.path);
  for (const [name, file] of Object.entries(manifest.files)) {
    if (!name.endsWith('.js')) continue;
    const seen = new Set<string>();
    const visit = (output: string) => {
      for (const chunk of staticImports(output)) {
        if (seen.has(chunk)) continue;
        seen.add(chunk);
        visit(chunk);
      }
    };
    visit(path.join(path.relative(ROOT, outdir), file));
    manifest.chunks[name] = [...seen].map(relative);
  }
  await writeFile(path.join(outdir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const file of [...Object.keys(result.metafile.outputs), path.join(path.relative(ROOT, outdir), workerFile)]) {
    if (file.endsWith('.map') || file.endsWith('.LEGAL.txt')) continue;
    const content = await readFile(path.join(ROOT, file));
    const imports = staticImports(file).map(relative);
    assets.push({ file: relative(file), bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length, imports });
  }
  await precompress(outdir);
  const old = `${target}.old-${process.pid}`;
  await rename(target, old).catch(() => {});
  await rename(outdir, target);
  await rm(old, { recursive: true, force: true });
  return assets;
}

/** Writes `<file>.br` and `<file>.gz` beside every text file worth compressing. */
async function precompress(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(js|mjs|css|json|txt)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const content = await readFile(file);
    if (content.length < 1024) continue;
    await writeFile(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    await writeFile(`${file}.gz`, gzipSync(content, { level: 9 }));
  }
}

/** The built files' names by entry (dist/web/manifest.json). */
export async function readWebManifest(dir = path.join(ROOT, 'dist/web')): Promise<WebManifest> {
  return JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as WebManifest;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const assets = await buildWeb();
  const manifest = await readWebManifest();
  for (const a of assets) console.log(`  dist/web/${a.file.padEnd(30)} ${kb(a.bytes).padStart(10)}  gzip ${kb(a.gzipBytes).padStart(9)}`);
  /** An entry's JS with every chunk it loads, gzipped. */
  const pageJs = (entry: string): number => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const chunk of assets.find((a) => a.file === file)?.imports ?? []) visit(chunk);
    };
    visit(entry);
    return [...seen].reduce((n, file) => n + (assets.find((a) => a.file === file)?.gzipBytes ?? 0), 0);
  };
  console.log(`  signing page JS (without the pdf.js worker): ${kb(pageJs(manifest.files['sign.js']!))} gzipped`);
  console.log(
    `  console JS (without the pdf.js worker): ${kb(pageJs(manifest.files['console.js']!))} gzipped, its CSS ${kb(assets.find((a) => a.file === manifest.files['console.css'])?.gzipBytes ?? 0)}`,
  );
}
