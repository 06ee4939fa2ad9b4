// Builds the browser code of the signing, viewer and preview pages and of the console (src/web)
// into dist/web, served by the server under /assets/: three entry points sharing one pdf.js chunk, the CSS, and
// pdf.js's worker, CMaps, standard fonts, ICC profiles and wasm decoders, so that nothing is
// loaded from anywhere but Dojang itself. `npm run build:web`; runs before `npm start` and `npm test`.
import { cp, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PDFJS = path.join(ROOT, 'node_modules/pdfjs-dist');

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
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { sign: 'src/web/sign/main.ts', viewer: 'src/web/viewer/main.ts', console: 'src/web/console/main.ts', web: 'src/web/styles/web.css' },
    outdir,
    bundle: true,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunk-[hash]',
    minify: options.minify ?? true,
    // pdf.js's legacy build already targets older browsers (Samsung Internet, older iOS Safari).
    target: ['es2020', 'chrome92', 'safari15', 'firefox90'],
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  await cp(path.join(PDFJS, 'legacy/build/pdf.worker.min.mjs'), path.join(outdir, 'pdf.worker.min.mjs'));
  for (const dir of ['cmaps', 'standard_fonts', 'iccs', 'wasm']) {
    await cp(path.join(PDFJS, dir), path.join(outdir, 'pdfjs', dir), { recursive: true });
  }
  const assets: BuiltAsset[] = [];
  const relative = (file: string) => path.relative(path.relative(ROOT, outdir), file);
  for (const file of [...Object.keys(result.metafile.outputs), path.join(path.relative(ROOT, outdir), 'pdf.worker.min.mjs')]) {
    if (file.endsWith('.map') || file.endsWith('.LEGAL.txt')) continue;
    const content = await readFile(path.join(ROOT, file));
    const imports = (result.metafile.outputs[file]?.imports ?? []).filter((i) => i.kind === 'import-statement').map((i) => relative(i.path));
    assets.push({ file: relative(file), bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length, imports });
  }
  const old = `${target}.old-${process.pid}`;
  await rename(target, old).catch(() => {});
  await rename(outdir, target);
  await rm(old, { recursive: true, force: true });
  return assets;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const assets = await buildWeb();
  for (const a of assets) console.log(`  dist/web/${a.file.padEnd(24)} ${kb(a.bytes).padStart(10)}  gzip ${kb(a.gzipBytes).padStart(9)}`);
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
  console.log(`  signing page JS (without the pdf.js worker): ${kb(pageJs('sign.js'))} gzipped`);
  console.log(`  console JS (without the pdf.js worker): ${kb(pageJs('console.js'))} gzipped, its CSS ${kb(assets.find((a) => a.file === 'console.css')?.gzipBytes ?? 0)}`);
}
