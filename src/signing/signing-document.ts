// The PDF a signer sees. For now the template's own PDF, and the page draws the values so far
// over it. When the documents library lands, the marked line becomes
//   return fillCompletedPdf({ templatePdf, fields: link.state.fields, values: readOnlyValues(link) });
// and VALUES_DRAWN_IN_DOCUMENT turns true, so the page stops drawing those values itself.
import type { Context } from '../context.ts';
import type { SignLink } from './open-sign-link.ts';

/** Whether the document already shows the values the signer cannot change. */
export const VALUES_DRAWN_IN_DOCUMENT = false;

export async function signingDocumentPdf(ctx: Pick<Context, 'files'>, link: SignLink): Promise<Uint8Array | null> {
  const templatePdf = await ctx.files.get(link.state.template.pdf_key);
  if (!templatePdf) return null;
  return templatePdf; // ← fillCompletedPdf(…), see above
}
