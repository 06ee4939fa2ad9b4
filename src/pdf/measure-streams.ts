// Every stream of a PDF decoded within bounds, before pdf-lib is given the file. pdf-lib inflates
// object streams and cross-reference streams while it parses, all at once and into memory that
// no worker heap limit covers (ArrayBuffers live outside the heap); a renderer later inflates the
// rest. So the file is first parsed by pdf-lib's own parser with that inflation switched off (the
// same objects it would find, found the same way), and each stream is decoded here: single
// FlateDecode streams through zlib, counted chunk by chunk and thrown away; other filter chains
// through pdf-lib's own decoders, stopped at the bound.
import { createInflate } from 'node:zlib';
import { PDFArray, type PDFDict, PDFName, PDFNumber, PDFParser, PDFRawStream, type PDFRef, ParseSpeeds, decodePDFRawStream, type PDFContext } from 'pdf-lib';
import { nestsDeeperThan } from './measure-nesting.ts';
import { PdfRefused, refuse, type PdfLimits } from './pdf-limits.ts';

/** Filters pdf-lib can decode; the others (images: DCT, JPX, JBIG2, CCITT) it never decodes. */
const DECODABLE = new Set(['FlateDecode', 'LZWDecode', 'ASCII85Decode', 'ASCIIHexDecode', 'RunLengthDecode']);
const ENDOBJ = [...'endobj'].map((c) => c.charCodeAt(0));

/** Checks every stream, object count and count claim against the limits; throws PdfRefused. */
export async function measureStreams(pdf: Uint8Array, limits: PdfLimits): Promise<void> {
  const context = await parseWithoutInflating(pdf);
  const objects = context.enumerateIndirectObjects();
  let count = objects.length;
  let inflated = 0;
  if (count > limits.maxObjects) throw new PdfRefused(refuse.objects(limits));
  for (const [ref, object] of objects) {
    if (!(object instanceof PDFRawStream)) continue;
    const type = lookupName(object.dict, 'Type');
    const budget = Math.min(limits.maxStreamBytes, limits.maxInflatedBytes - inflated);
    const overBudget = () => new PdfRefused(budget === limits.maxStreamBytes ? refuse.streamSize(limits, ref.objectNumber) : refuse.inflatedSize(limits));
    const decoded = await decode(object, budget, type === 'ObjStm', overBudget);
    inflated += decoded.size;
    if (type === 'ObjStm') {
      const claimed = lookupNumber(object.dict, 'N') ?? 0;
      // Each packed object needs at least "0 0 " in the stream's header.
      if (claimed * 4 > decoded.size) throw new PdfRefused(refuse.lyingCount('object-stream'));
      count += claimed;
      if (decoded.bytes && nestsDeeperThan(decoded.bytes, limits.maxDepth)) throw new PdfRefused(refuse.depth(limits));
    } else if (type === 'XRef') {
      const entries = crossReferenceEntries(object.dict);
      const rowBytes = rowWidth(object.dict);
      if (entries > limits.maxObjects) throw new PdfRefused(refuse.objects(limits));
      if (entries * Math.max(1, rowBytes) > decoded.size) throw new PdfRefused(refuse.lyingCount('cross-reference-stream'));
    }
    if (count > limits.maxObjects) throw new PdfRefused(refuse.objects(limits));
  }
}

/** pdf-lib's parser, taking every indirect object as written: object streams stay packed. */
async function parseWithoutInflating(pdf: Uint8Array): Promise<PDFContext> {
  const parser = PDFParser.forBytesWithOptions(pdf, ParseSpeeds.Fastest);
  // The parser's own parseIndirectObject inflates object and cross-reference streams as it meets
  // them; this one stores them as they are. The parser's private steps are used as they are.
  const inner = parser as unknown as {
    parseIndirectObjectHeader(): PDFRef;
    skipWhitespaceAndComments(): void;
    parseObject(): unknown;
    matchKeyword(keyword: number[]): boolean;
    context: PDFContext;
    parseIndirectObject(): Promise<PDFRef>;
  };
  inner.parseIndirectObject = async function parseIndirectObject() {
    const ref = this.parseIndirectObjectHeader();
    this.skipWhitespaceAndComments();
    const object = this.parseObject();
    this.skipWhitespaceAndComments();
    this.matchKeyword(ENDOBJ);
    this.context.assign(ref, object as never);
    return ref;
  };
  try {
    return await parser.parseDocument();
  } catch (error) {
    throw new PdfRefused(refuse.malformed(error instanceof Error ? error.message : String(error)));
  }
}

interface Decoded {
  size: number;
  /** The decoded bytes, when asked to keep them. */
  bytes?: Uint8Array;
}

async function decode(stream: PDFRawStream, budget: number, keep: boolean, overBudget: () => PdfRefused): Promise<Decoded> {
  const filters = filterNames(stream.dict);
  if (filters === null) throw new PdfRefused(refuse.malformed("a stream's /Filter is neither a name nor an array of names"));
  const decodable = filters.length > 0 && filters.every((f) => DECODABLE.has(f));
  if (!decodable) {
    // Unfiltered, or an image format pdf-lib leaves alone: as large as it is written.
    if (stream.contents.length > budget) throw overBudget();
    return { size: stream.contents.length, ...(keep ? { bytes: stream.contents } : {}) };
  }
  if (filters.length === 1 && filters[0] === 'FlateDecode') return inflateWithin(stream.contents, budget, keep, overBudget);
  return decodeWithPdfLib(stream, budget, keep, overBudget);
}

/** zlib, chunk by chunk; a corrupt stream counts what came out of it before it broke. */
function inflateWithin(data: Uint8Array, budget: number, keep: boolean, overBudget: () => PdfRefused): Promise<Decoded> {
  return new Promise((resolve, reject) => {
    const inflate = createInflate();
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve({ size, ...(keep ? { bytes: Buffer.concat(chunks) } : {}) });
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (keep) chunks.push(chunk);
      if (size > budget && !settled) {
        settled = true;
        inflate.destroy();
        reject(overBudget());
      }
    });
    inflate.on('end', finish);
    inflate.on('error', finish);
    inflate.end(data);
  });
}

function decodeWithPdfLib(stream: PDFRawStream, budget: number, keep: boolean, overBudget: () => PdfRefused): Decoded {
  // DecodeStream grows its buffer block by block: read blocks until the end or the bound.
  let decoder: { eof: boolean; bufferLength: number; readBlock(): void; buffer: Uint8Array };
  try {
    decoder = decodePDFRawStream(stream) as unknown as typeof decoder;
  } catch (error) {
    throw new PdfRefused(refuse.malformed(error instanceof Error ? error.message : String(error)));
  }
  try {
    while (!decoder.eof) {
      decoder.readBlock();
      if (decoder.bufferLength > budget) throw overBudget();
    }
  } catch (error) {
    if (error instanceof PdfRefused) throw error;
    // A corrupt stream: what came out of it is what a reader would get.
  }
  return { size: decoder.bufferLength, ...(keep ? { bytes: decoder.buffer.subarray(0, decoder.bufferLength) } : {}) };
}

/** The stream's filters by name; null when /Filter is something else. */
function filterNames(dict: PDFDict): string[] | null {
  const filter = dict.lookup(PDFName.of('Filter'));
  if (filter === undefined) return [];
  if (filter instanceof PDFName) return [filter.decodeText()];
  if (!(filter instanceof PDFArray)) return null;
  const names: string[] = [];
  for (let i = 0; i < filter.size(); i++) {
    const name = filter.lookup(i);
    if (!(name instanceof PDFName)) return null;
    names.push(name.decodeText());
  }
  return names;
}

function lookupName(dict: PDFDict, key: string): string | undefined {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFName ? value.decodeText() : undefined;
}

function lookupNumber(dict: PDFDict, key: string): number | undefined {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFNumber ? value.asNumber() : undefined;
}

/** How many entries a cross-reference stream claims: its /Index lengths, or /Size. */
function crossReferenceEntries(dict: PDFDict): number {
  const index = dict.lookup(PDFName.of('Index'));
  if (index instanceof PDFArray) {
    let entries = 0;
    for (let i = 1; i < index.size(); i += 2) {
      const length = index.lookup(i);
      entries += length instanceof PDFNumber ? Math.max(0, length.asNumber()) : 0;
    }
    return entries;
  }
  return Math.max(0, lookupNumber(dict, 'Size') ?? 0);
}

function rowWidth(dict: PDFDict): number {
  const widths = dict.lookup(PDFName.of('W'));
  if (!(widths instanceof PDFArray)) return 0;
  let total = 0;
  for (let i = 0; i < widths.size(); i++) {
    const width = widths.lookup(i);
    total += width instanceof PDFNumber ? Math.max(0, width.asNumber()) : 0;
  }
  return total;
}
