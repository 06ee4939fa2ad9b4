// What `GET /api/sign/:token` answers (its shape: sign-link-answers.ts). Before the signer is
// verified only what the gate needs; once verified, the pages and every box with its value and
// whether this signer may edit it. Boxes of later steps are listed without their values.
import type { SignLink } from './open-sign-link.ts';
import { signFields } from './sign-fields.ts';
import type { LinkOutcome, SignField, SignLinkView, VerificationMethod } from './sign-link-answers.ts';
import { VALUES_DRAWN_IN_DOCUMENT } from './signing-document.ts';
import { PAGE_IMAGE_WIDTHS } from '../documents/page-images.ts';
import type { FieldValues } from '../domain/fields.ts';
import { isVerified, maskMobileNumber, verificationNeeds } from './verification-needs.ts';

export interface DescribeInput {
  link: SignLink;
  passed: ReadonlySet<VerificationMethod>;
  outcome: LinkOutcome | null;
  lockedUntil: string | null;
  pdfUrl: string;
  /** The page images' URL, with `{page}` where the page number goes. */
  pageImageUrl: string;
  /** What this signer saved so far (sign-drafts.ts): shown in their own boxes. */
  draft: FieldValues;
}

export function describeSignLink({ link, passed, outcome, lockedUntil, pdfUrl, pageImageUrl, draft }: DescribeInput): SignLinkView {
  const { workflow, company, template } = link.state;
  const needs = verificationNeeds(link.player);
  const verified = isVerified(needs, passed);
  const showDocument = verified && link.access === 'open';
  return {
    workflow_id: String(workflow.id),
    workflow_name: workflow.name,
    status: workflow.status,
    current_step: workflow.current_step,
    total_steps: workflow.total_steps,
    company_name: company.name,
    signer: { step: link.step, name: link.player.name, language: link.player.language },
    link: { state: link.access, expires_at: link.expiresAt, outcome },
    verification: {
      needed: needs.length > 0,
      verified,
      locked_until: lockedUntil,
      methods: needs.map((method) => ({
        method,
        passed: passed.has(method),
        hint: method === 'password' ? link.player.password_hint : null,
        mobile_number: method === 'otp' && link.player.mobile_number ? maskMobileNumber(link.player.mobile_number) : null,
      })),
    },
    document: showDocument
      ? {
          pdf_url: pdfUrl,
          pages: JSON.parse(template.pages) as { width: number; height: number }[],
          values_drawn: VALUES_DRAWN_IN_DOCUMENT,
          page_images: { url: pageImageUrl, widths: PAGE_IMAGE_WIDTHS },
        }
      : null,
    fields: showDocument ? withDraft(signFields(link.state.fields, link.state.values, link.step), draft) : null,
  };
}

/** The signer's own boxes show what they saved, where they saved something. */
function withDraft(fields: SignField[], draft: FieldValues): SignField[] {
  return fields.map((field) => (field.editable && draft[field.name] !== undefined ? { ...field, value: draft[field.name]! } : field));
}
