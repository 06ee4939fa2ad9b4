// The bounds every PDF Dojang reads is held to, and the refusal that names the one it broke.
// A PDF is small on the wire and can be enormous once read: a 1 MB file whose streams inflate to
// gigabytes, a page tree that loops, arrays nested a hundred thousand deep. Each bound below is
// checked before a parser is trusted with the file; the worker pool (pdf-pool.ts) adds a time
// limit and a heap limit around every task.

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

/** Why a PDF was not taken: the bound it broke and a sentence for the person who sent it. */
export interface PdfRefusal {
  bound: PdfBound;
  message: string;
}

const seconds = (ms: number) => (ms >= 10_000 ? Math.round(ms / 1000) : Math.round(ms / 100) / 10);
const mb = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/** Korean first, English in parentheses, as every input error of Dojang's own API. */
export const refuse = {
  fileSize: (limits: PdfLimits): PdfRefusal => ({
    bound: 'file-size',
    message: `PDF는 ${mb(limits.maxFileBytes)} 이하여야 합니다 (the PDF is over the ${mb(limits.maxFileBytes)} file size bound)`,
  }),
  inflatedSize: (limits: PdfLimits): PdfRefusal => ({
    bound: 'inflated-size',
    message: `PDF의 압축을 풀면 ${mb(limits.maxInflatedBytes)}를 넘습니다 (its streams inflate past the ${mb(limits.maxInflatedBytes)} bound on their total)`,
  }),
  streamSize: (limits: PdfLimits, objectNumber: number): PdfRefusal => ({
    bound: 'stream-size',
    message: `PDF 객체 ${objectNumber}의 스트림이 ${mb(limits.maxStreamBytes)}를 넘습니다 (the stream of object ${objectNumber} inflates past the ${mb(limits.maxStreamBytes)} bound on one stream)`,
  }),
  objects: (limits: PdfLimits): PdfRefusal => ({
    bound: 'objects',
    message: `PDF 객체가 ${limits.maxObjects}개를 넘습니다 (more than ${limits.maxObjects} objects)`,
  }),
  lyingCount: (what: { ko: string; en: string }): PdfRefusal => ({
    bound: 'objects',
    message: `PDF ${what.ko}의 개수가 실제 내용보다 많습니다 (the ${what.en} claims more entries than the stream holds)`,
  }),
  depth: (limits: PdfLimits): PdfRefusal => ({
    bound: 'depth',
    message: `PDF의 중첩이 ${limits.maxDepth}단계보다 깊습니다 (arrays and dictionaries nested deeper than ${limits.maxDepth})`,
  }),
  pages: (limits: PdfLimits): PdfRefusal => ({ bound: 'pages', message: `PDF는 ${limits.maxPages}쪽 이하여야 합니다 (more than ${limits.maxPages} pages)` }),
  pageTree: (detail: string): PdfRefusal => ({ bound: 'page-tree', message: `PDF의 페이지 구조가 잘못되었습니다 (the page tree is broken: ${detail})` }),
  pageSize: (page: number): PdfRefusal => ({ bound: 'page-size', message: `PDF ${page}쪽의 크기가 올바르지 않습니다 (page ${page} has no usable size)` }),
  encrypted: (): PdfRefusal => ({ bound: 'encrypted', message: '암호화된 PDF는 사용할 수 없습니다 (the PDF is encrypted; upload an unencrypted copy)' }),
  malformed: (detail: string): PdfRefusal => ({ bound: 'malformed', message: `PDF를 읽을 수 없습니다 (the PDF could not be read: ${detail})` }),
  time: (ms: number): PdfRefusal => ({
    bound: 'time',
    message: `PDF 처리가 ${seconds(ms)}초를 넘었습니다 (working on the PDF took longer than the ${seconds(ms)} s bound)`,
  }),
  memory: (mbLimit: number): PdfRefusal => ({
    bound: 'memory',
    message: `PDF 처리에 메모리가 ${mbLimit} MB보다 많이 필요합니다 (reading the PDF needs more than the ${mbLimit} MB memory bound)`,
  }),
};

/** Thrown inside a PDF task to stop at the first broken bound; the pool answers it as a value. */
export class PdfRefused extends Error {
  constructor(readonly refusal: PdfRefusal) {
    super(refusal.message);
  }
}
