// PDFs built to hurt a reader: decompression bombs, nesting a parser recurses into, page trees
// that loop, counts that lie. Written byte by byte (objects, an xref table, a trailer), since no
// PDF library writes such files on purpose.
import zlib from 'node:zlib';

/**
 * A zlib stream of `megabytes` MB of zeros, about a thousandth of that size: one deflated MB
 * repeated (each copy ends byte-aligned and refers only to zeros before it), a final empty
 * block and the right Adler-32, so that a strict inflater accepts it to the last byte.
 */
export function flateBomb(megabytes: number): Buffer {
  const oneMb = zlib.deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const total = megabytes * (1 << 20);
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((total % 65521) << 16) >>> 0) + 1);
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array<Buffer>(megabytes).fill(oneMb), Buffer.from([0x03, 0x00]), adler]);
}

/** One indirect object's body: a dictionary, or a dictionary with stream bytes. */
export type PdfObject = string | { dict: string; stream: Buffer };

/** A PDF of these objects, numbered from 1, with the catalog at `root` (an object number). */
export function rawPdf(objects: PdfObject[], root = 1): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  const push = (buffer: Buffer) => {
    parts.push(buffer);
    length += buffer.length;
  };
  objects.forEach((object, i) => {
    offsets.push(length);
    if (typeof object === 'string') {
      push(Buffer.from(`${i + 1} 0 obj\n${object}\nendobj\n`, 'latin1'));
    } else {
      push(Buffer.from(`${i + 1} 0 obj\n${object.dict.replace(/>>\s*$/, ` /Length ${object.stream.length} >>`)}\nstream\n`, 'latin1'));
      push(object.stream);
      push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    }
  });
  const xref = length;
  const entries = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  push(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}trailer\n<< /Size ${objects.length + 1} /Root ${root} 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(parts);
}

const A4 = '/MediaBox [0 0 595 842]';
const page = (parent: number, extra = '') => `<< /Type /Page /Parent ${parent} 0 R ${A4} ${extra} >>`;

/** A plain one-page PDF, to check that the bounds let ordinary files through. */
export const onePagePdf = () => rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page(2)]);

/** The bomb of the report: an object stream (/Type /ObjStm) inflating to `megabytes` MB. */
export function objectStreamBomb(megabytes = 1024): Buffer {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page(2),
    { dict: '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>', stream: flateBomb(megabytes) },
  ]);
}

/** A page whose content stream inflates to `megabytes` MB: what a renderer would inflate. */
export function contentStreamBomb(megabytes = 1024): Buffer {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page(2, '/Contents 4 0 R'),
    { dict: '<< /Filter /FlateDecode >>', stream: flateBomb(megabytes) },
  ]);
}

/** Many small streams, each under the one-stream bound, adding up past the total. */
export function manySmallBombs(count: number, megabytesEach: number): Buffer {
  const bomb = flateBomb(megabytesEach);
  const streams = Array.from({ length: count }, () => ({ dict: '<< /Filter /FlateDecode >>', stream: bomb }));
  const contents = streams.map((_, i) => `${i + 4} 0 R`).join(' ');
  return rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page(2, `/Contents [${contents}]`), ...streams]);
}

/** A bomb behind two filters (hex, then flate), which a reader decodes in turn. */
export function chainedFilterBomb(megabytes = 256): Buffer {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page(2),
    {
      dict: '<< /Type /ObjStm /N 1 /First 4 /Filter [/ASCIIHexDecode /FlateDecode] >>',
      stream: Buffer.from(`${flateBomb(megabytes).toString('hex')}>`, 'latin1'),
    },
  ]);
}

/** Arrays nested `depth` deep, reachable from the catalog. */
export function deeplyNested(depth = 100_000): Buffer {
  return rawPdf(['<< /Type /Catalog /Pages 2 0 R /Deep 4 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page(2), '['.repeat(depth) + ']'.repeat(depth)]);
}

/** A /Pages node whose Kids include itself. */
export const kidsLoop = () => rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>', page(2)]);

/** A page whose /Parent chain goes round: 3 → 4 → 5 → 4. */
export const parentLoop = () =>
  rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page(4),
    '<< /Type /Pages /Kids [] /Parent 5 0 R /Count 0 >>',
    '<< /Type /Pages /Kids [] /Parent 4 0 R /Count 0 >>',
  ]);

/** An object stream claiming a hundred million objects in a few bytes. */
export const lyingObjectStream = () =>
  rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page(2),
    { dict: '<< /Type /ObjStm /N 100000000 /First 4 /Filter /FlateDecode >>', stream: zlib.deflateSync(Buffer.from('6 0 null')) },
  ]);

/** A cross-reference stream claiming a billion entries in a few bytes. */
export const lyingCrossReference = () =>
  rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page(2),
    { dict: '<< /Type /XRef /Size 1000000000 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode >>', stream: zlib.deflateSync(Buffer.alloc(8)) },
  ]);

/** A page tree that says it has a billion pages and has one. */
export const lyingPageCount = () => rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>', page(2)]);

/** More tiny objects than the object bound allows. */
export function tooManyObjects(count: number): Buffer {
  const filler = Array.from({ length: count }, () => 'null');
  return rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page(2), ...filler]);
}

/** A page tree of `pages` pages. */
export function manyPages(pages: number): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  return rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`, ...Array.from({ length: pages }, () => page(2))]);
}

/** `%PDF-` and then noise. */
export function randomAfterHeader(bytes = 4096): Buffer {
  let seed = 42;
  const noise = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) noise[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), noise]);
}

/** Every hostile PDF with the bound it must be refused for, for suites that try each door. */
export function hostilePdfs(): { name: string; pdf: Buffer; bound: RegExp }[] {
  return [
    { name: 'a 1 GB flate bomb in an object stream', pdf: objectStreamBomb(1024), bound: /one stream|their total/ },
    { name: "a 1 GB flate bomb as a page's content", pdf: contentStreamBomb(1024), bound: /one stream|their total/ },
    { name: 'small bombs adding up', pdf: manySmallBombs(8, 48), bound: /their total/ },
    { name: 'a bomb behind two filters', pdf: chainedFilterBomb(256), bound: /one stream|their total/ },
    { name: 'arrays nested 100,000 deep', pdf: deeplyNested(100_000), bound: /nested deeper/ },
    { name: 'a page tree whose Kids hold itself', pdf: kidsLoop(), bound: /page tree/ },
    { name: 'a /Parent loop', pdf: parentLoop(), bound: /page tree|Parent/ },
    { name: 'an object stream claiming 10^8 objects', pdf: lyingObjectStream(), bound: /claims more entries/ },
    { name: 'a cross-reference stream claiming 10^9 entries', pdf: lyingCrossReference(), bound: /objects|claims more entries/ },
    { name: 'random bytes after %PDF-', pdf: randomAfterHeader(), bound: /could not be read|page tree/ },
  ];
}
