// The bounds every PDF Dojang reads is held to, and the refusal that names the one it broke.
// A PDF is small on the wire and can be enormous once read: a 1 MB file whose streams inflate to
// gigabytes, a page tree that loops, arrays nested a hundred thousand deep. Each bound below is
// checked before a parser is trusted with the file; the worker pool (pdf-pool.ts) adds a time
// limit and a heap limit around every task.
import { said, sayBilingual, type Said } from '../domain/said.ts';

export interface PdfLimits {
  /** The file itself, in bytes. */
  maxFileBytes: number;
  /** Every stream decoded, added up, in bytes. */
  maxInflatedBytes: number;
  /** One stream decoded, in bytes. */
  maxStreamBytes: number;
  /** Indirect objects, counting those packed in object streams and cross-reference streams' entries. */
  maxObjects: number;
  /** Arrays and dictionaries inside one another, and levels of the page tree. */
  maxDepth: number;
  maxPages: number;
}

export const MB = 1024 * 1024;

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxFileBytes: 20 * MB,
  maxInflatedBytes: 256 * MB,
  maxStreamBytes: 64 * MB,
  maxObjects: 200_000,
  maxDepth: 100,
  maxPages: 500,
};

export type PdfBound =
  | 'file-size'
  | 'inflated-size'
  | 'stream-size'
  | 'objects'
  | 'depth'
  | 'pages'
  | 'page-tree'
  | 'page-size'
  | 'encrypted'
  | 'malformed'
  | 'time'
  | 'memory';

/** Why a PDF was not taken: the bound it broke and what the person who sent it is told. */
export interface PdfRefusal {
  bound: PdfBound;
  said: Said;
}

const seconds = (ms: number) => (ms >= 10_000 ? Math.round(ms / 1000) : Math.round(ms / 100) / 10);
const mb = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/** Each bound's refusal; `detail` is the parser's own words, in English. */
export const refuse = {
  fileSize: (limits: PdfLimits): PdfRefusal => ({ bound: 'file-size', said: said('pdfFileTooLarge', { max: mb(limits.maxFileBytes) }) }),
  inflatedSize: (limits: PdfLimits): PdfRefusal => ({ bound: 'inflated-size', said: said('pdfInflatesTooMuch', { max: mb(limits.maxInflatedBytes) }) }),
  streamSize: (limits: PdfLimits, objectNumber: number): PdfRefusal => ({
    bound: 'stream-size',
    said: said('pdfStreamTooLarge', { object: objectNumber, max: mb(limits.maxStreamBytes) }),
  }),
  objects: (limits: PdfLimits): PdfRefusal => ({ bound: 'objects', said: said('pdfTooManyObjects', { max: limits.maxObjects }) }),
  lyingCount: (what: 'object-stream' | 'cross-reference-stream'): PdfRefusal => ({
    bound: 'objects',
    said: said('pdfCountClaimsTooMuch', { what: said(what === 'object-stream' ? 'pdfObjectStream' : 'pdfCrossReferenceStream') }),
  }),
  depth: (limits: PdfLimits): PdfRefusal => ({ bound: 'depth', said: said('pdfNestedTooDeep', { max: limits.maxDepth }) }),
  pages: (limits: PdfLimits): PdfRefusal => ({ bound: 'pages', said: said('pdfTooManyPages', { max: limits.maxPages }) }),
  pageTree: (detail: string): PdfRefusal => ({ bound: 'page-tree', said: said('pdfPageTreeBroken', { detail }) }),
  pageSize: (page: number): PdfRefusal => ({ bound: 'page-size', said: said('pdfPageSizeUnusable', { page }) }),
  encrypted: (): PdfRefusal => ({ bound: 'encrypted', said: said('pdfEncrypted') }),
  notPdf: (): PdfRefusal => ({ bound: 'malformed', said: said('notPdf') }),
  malformed: (detail: string): PdfRefusal => ({ bound: 'malformed', said: said('pdfUnreadable', { detail }) }),
  time: (ms: number): PdfRefusal => ({ bound: 'time', said: said('pdfTooSlow', { seconds: seconds(ms) }) }),
  memory: (mbLimit: number): PdfRefusal => ({ bound: 'memory', said: said('pdfNeedsTooMuchMemory', { mb: mbLimit }) }),
};

/** Thrown inside a PDF task to stop at the first broken bound; the pool answers it as a value. */
export class PdfRefused extends Error {
  constructor(readonly refusal: PdfRefusal) {
    super(sayBilingual(refusal.said));
  }
}
