// The pages of a loaded PDF, found without trusting its page tree. pdf-lib walks /Kids and
// /Parent recursively and believes them: a Kids array holding its own node recurses forever,
// a /Parent loop climbs forever. This walk is iterative, visits each node once, and refuses a
// node met twice, a chain of parents that never ends, and trees past the depth and page bounds.
// Once a tree passes, pdf-lib's own getPages() is safe on it.
import { PDFArray, PDFDict, PDFName, PDFPageLeaf, PDFPageTree, type PDFDocument } from 'pdf-lib';
import { displayedPage } from '../documents/displayed-page.ts';
import { PdfRefused, refuse, type PdfLimits } from './pdf-limits.ts';

export interface PageSize {
  width: number;
  height: number;
}

/** The largest page PDF allows (ISO 32000-1, annex C: 14,400 units). */
const MAX_PAGE_POINTS = 14_400;

/** Throws PdfRefused unless the page tree is a tree within the limits. */
export function assertPageTree(doc: PDFDocument, limits: PdfLimits): void {
  if (!(doc.catalog instanceof PDFDict)) throw new PdfRefused(refuse.pageTree('the PDF has no catalog'));
  const root = doc.catalog.lookup(PDFName.of('Pages'));
  if (!(root instanceof PDFPageTree)) throw new PdfRefused(refuse.pageTree('the catalog has no /Pages tree'));
  const seen = new Set<PDFDict>([root]);
  const stack: { node: PDFPageTree; depth: number }[] = [{ node: root, depth: 1 }];
  let pages = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    const kids = node.lookup(PDFName.of('Kids'));
    if (!(kids instanceof PDFArray)) throw new PdfRefused(refuse.pageTree('a /Pages node has no /Kids array'));
    for (let i = 0; i < kids.size(); i++) {
      const kid = kids.lookup(i);
      if (!(kid instanceof PDFDict)) continue;
      if (seen.has(kid)) throw new PdfRefused(refuse.pageTree('a node appears twice, or the tree loops'));
      seen.add(kid);
      if (kid instanceof PDFPageTree) {
        if (depth + 1 > limits.maxDepth) throw new PdfRefused(refuse.depth(limits));
        stack.push({ node: kid, depth: depth + 1 });
      } else if (kid instanceof PDFPageLeaf) {
        if (++pages > limits.maxPages) throw new PdfRefused(refuse.pages(limits));
        assertParentsEnd(kid, limits);
      }
    }
  }
}

/** A page inherits its size and rotation through /Parent: the chain must end, and soon. */
function assertParentsEnd(leaf: PDFPageLeaf, limits: PdfLimits): void {
  const seen = new Set<PDFDict>();
  let node: PDFDict | undefined = leaf;
  for (let depth = 0; node !== undefined; depth++) {
    if (seen.has(node)) throw new PdfRefused(refuse.pageTree("a page's /Parent chain loops"));
    if (depth > limits.maxDepth) throw new PdfRefused(refuse.depth(limits));
    seen.add(node);
    const parent: unknown = node.lookup(PDFName.of('Parent'));
    if (parent !== undefined && !(parent instanceof PDFPageTree)) throw new PdfRefused(refuse.pageTree('a /Parent is not a /Pages node'));
    node = parent;
  }
}

/** Each page as a reader shows it (crop box, turned by /Rotate), checked to be a usable size. */
export function readPageSizes(doc: PDFDocument, limits: PdfLimits): PageSize[] {
  assertPageTree(doc, limits);
  const pages = doc.getPages().map((page, i) => {
    let size: PageSize;
    try {
      const { width, height } = displayedPage(page);
      size = { width, height };
    } catch {
      throw new PdfRefused(refuse.pageSize(i + 1));
    }
    const usable = (n: number) => Number.isFinite(n) && n > 0 && n <= MAX_PAGE_POINTS;
    if (!usable(size.width) || !usable(size.height)) throw new PdfRefused(refuse.pageSize(i + 1));
    return size;
  });
  if (pages.length === 0) throw new PdfRefused(refuse.pageTree('the PDF has no pages'));
  return pages;
}
