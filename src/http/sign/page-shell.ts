// The HTML of the signing, preview and viewer pages: a shell that loads the bundle built from
// src/web (dist/web, served under /assets/). Data reaches the script through data- attributes,
// never inline script, so the CSP can forbid it entirely.
import type { FastifyReply } from 'fastify';
import type { Config } from '../../config.ts';
import { escapeHtml } from '../../html/escape-html.ts';
import { matchLanguage, MESSAGES, type Language, type MessageKey } from '../../web/shared/messages.ts';
import { pageHeaders } from './page-security.ts';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { WEB_ASSETS_DIR } from './web-assets-dir.ts';

export const ASSETS_PREFIX = '/assets/';

type Entry = 'sign.js' | 'viewer.js' | 'console.js' | 'web.css' | 'console.css';

/** An entry's built file (its name carries its hash): dist/web/manifest.json, read again when a build replaced it. */
export function assetUrl(entry: Entry): string {
  return `${ASSETS_PREFIX}${webManifest().files[entry] ?? entry}`;
}

/** The chunks an entry's script imports, so the page asks for them with it rather than a round trip later. */
function chunkUrls(entry: Entry): string[] {
  return (webManifest().chunks[entry] ?? []).map((file) => `${ASSETS_PREFIX}${file}`);
}

interface WebManifest {
  files: Record<string, string>;
  chunks: Record<string, string[]>;
}

let manifest: { read: number; content: WebManifest } = { read: -1, content: { files: {}, chunks: {} } };

function webManifest(): WebManifest {
  const file = path.join(WEB_ASSETS_DIR, 'manifest.json');
  try {
    const modified = statSync(file).mtimeMs;
    if (modified !== manifest.read) manifest = { read: modified, content: JSON.parse(readFileSync(file, 'utf8')) as WebManifest };
  } catch {
    // Not built yet: the server warned at start (web-assets.ts); the pages name the plain files.
  }
  return manifest.content;
}

export interface ShellOptions {
  language: Language;
  title: string;
  /** The bundle to run: `sign`, `viewer` or `console`; none for a page that only says something. */
  script?: 'sign' | 'viewer' | 'console';
  /** The stylesheet under /assets/: `web` (default), or a page's own that builds on it. */
  stylesheet?: 'web' | 'console';
  /** data- attributes of <body>, read by the script. */
  data?: Record<string, string>;
  /** Shown until the script takes over (or instead of it). */
  body?: string;
  /** An image the page shows first, fetched with the page rather than after its script asked: a srcset and its sizes. */
  preloadImage?: { srcset: string; sizes: string };
}

export function renderPageShell(options: ShellOptions): string {
  const t = MESSAGES[options.language];
  const data = Object.entries({ language: options.language, ...options.data })
    .map(([key, value]) => ` data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${escapeHtml(value)}"`)
    .join('');
  const entry = options.script ? (`${options.script}.js` as const) : null;
  const script = entry
    ? `\n<script type="module" src="${assetUrl(entry)}"></script>${chunkUrls(entry)
        .map((url) => `\n<link rel="modulepreload" href="${url}">`)
        .join('')}`
    : '';
  const image = options.preloadImage
    ? `\n<link rel="preload" as="image" imagesrcset="${escapeHtml(options.preloadImage.srcset)}" imagesizes="${escapeHtml(options.preloadImage.sizes)}" fetchpriority="high">`
    : '';
  return `<!doctype html>
<html lang="${options.language.slice(0, 2)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="${assetUrl(`${options.stylesheet ?? 'web'}.css`)}">${script}${image}
</head>
<body${data}>
<div id="app">${options.body ?? `<p class="status-line" role="status">${escapeHtml(t.loading)}</p>`}</div>
${options.script ? `<noscript><p class="status-line">${escapeHtml(t.noscript)}</p></noscript>` : ''}
</body>
</html>
`;
}

export function sendPage(reply: FastifyReply, config: Pick<Config, 'frameAncestors'>, html: string, status = 200): FastifyReply {
  return pageHeaders(reply, config).code(status).type('text/html; charset=utf-8').send(html);
}

export interface PdfViewerPage {
  /** Shown in the page's header and title, e.g. the workflow's name. */
  title: string;
  /** Where the viewer fetches the PDF (same origin). */
  pdfUrl: string;
  /** Where the download button points (same origin); usually the PDF with Content-Disposition: attachment. */
  downloadUrl: string;
  /** The first language shown (switchable on the page): ko-KR, en-US, ja-JP, or a tag like `en`. */
  language: string;
  /** For a template preview: a JSON list of boxes to outline over the pages. */
  fieldsUrl?: string;
  /** The pages as the server's images (`url` with {page}, and ?width= one of `widths`) instead of pdf.js drawing the PDF. */
  pageImages?: { url: string; widths: readonly number[] };
}

/** A page that shows a PDF with pdf.js and offers a download: where export document links lead. */
export function renderPdfViewerPage(page: PdfViewerPage): string {
  return renderPageShell({
    language: matchLanguage(page.language),
    title: page.title,
    script: 'viewer',
    data: {
      title: page.title,
      pdfUrl: page.pdfUrl,
      downloadUrl: page.downloadUrl,
      ...(page.fieldsUrl ? { fieldsUrl: page.fieldsUrl } : {}),
      ...(page.pageImages ? { pageImagesUrl: page.pageImages.url, pageImagesWidths: page.pageImages.widths.join(',') } : {}),
    },
  });
}

export function sendPdfViewerPage(reply: FastifyReply, config: Pick<Config, 'frameAncestors'>, page: PdfViewerPage): FastifyReply {
  return sendPage(reply, config, renderPdfViewerPage(page));
}

/** A page that only says something, e.g. "this link has expired": no script needed. */
export function renderMessagePage(options: { language: Language; title: MessageKey | string; message: MessageKey | string }): string {
  const t = MESSAGES[options.language] as Record<string, string>;
  const title = t[options.title] ?? options.title;
  const message = t[options.message] ?? options.message;
  return renderPageShell({
    language: options.language,
    title,
    body: `<main class="message-page"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main>`,
  });
}
