// The PDF a signer sees, the document with the values so far: the template with the
// values this signer cannot change drawn in (fixed text, earlier steps), and every other box
// lightly outlined. The signer's own boxes stay empty in the PDF: the signing page lays its
// controls over them, and a server reads their values from `GET /api/sign/:token`.
// Drawn once per workflow version and step, and reused: reloading a signing page costs nothing.
import type { Context } from '../context.ts';
import { fillPreviewPdf } from '../documents/fill-preview-pdf.ts';
import type { SignLink } from './open-sign-link.ts';
import { readOnlyValues } from './sign-fields.ts';
import { said } from '../domain/said.ts';
import { SignError } from './sign-error.ts';

/** Whether the document already shows the values the signer cannot change (the page then only names them for screen readers). */
export const VALUES_DRAWN_IN_DOCUMENT = true;

export async function signingDocumentPdf(ctx: Pick<Context, 'files' | 'pdf'>, link: SignLink): Promise<Uint8Array> {
  const { workflow, template } = link.state;
  return ctx.pdf.drawOnce(`sign:${workflow.id}:${workflow.version}:${link.step}`, async () => {
    const templatePdf = await ctx.files.get(template.pdf_key);
    if (!templatePdf) throw new SignError('link-not-found', said('documentFileMissing'));
    const notMine = link.state.fields.filter((f) => !(f.owner === link.step && f.type !== 'LabelBox'));
    return fillPreviewPdf(ctx, { template, templatePdf, fields: notMine, values: readOnlyValues(link), viewerStep: link.step });
  });
}
