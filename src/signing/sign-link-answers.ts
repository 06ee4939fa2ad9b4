// What the signer's JSON API answers (http/sign/sign-api.ts), as the services here return it and
// the signing page reads it (src/web/sign). Types only, over the domain's: the browser's code
// imports them without pulling in the server.
import type { TemplateField } from '../domain/fields.ts';

/** How a signer proves who they are before the document is shown: the password given at start, a one-time code. */
export type VerificationMethod = 'password' | 'otp';

/** Open while the link's step is due and its date not past; closed once the link is closed or its step no longer due. */
export type LinkAccess = 'open' | 'closed' | 'expired';

/** What happened to a link that no longer permits actions, so the page can say so. */
export type LinkOutcome =
  | { kind: 'approved'; at: string; opinion: string }
  | { kind: 'returned'; at: string; opinion: string }
  | { kind: 'canceled'; at: string | null; reason: string }
  | { kind: 'completed'; at: string | null }
  | { kind: 'expired'; at: string }
  | { kind: 'removed' }
  /** The step was handed back or the link was replaced by a newer one (a resend). */
  | { kind: 'replaced' };

/** What `complete` did: approved (the next step is due), completed the workflow, returned it a step, or canceled it (a return at step 1). */
export type CompleteResult = 'approved' | 'completed' | 'returned' | 'canceled';

export interface SignField {
  name: string;
  /** What the signer reads: the template's label, else the name. */
  label: string;
  type: TemplateField['type'];
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  required: boolean;
  owner: number;
  group: string | null;
  value: string;
  editable: boolean;
}

/** `GET /api/sign/:token`: before the signer is verified only what the gate needs; once verified, the pages and every box. */
export interface SignLinkView {
  workflow_id: string;
  workflow_name: string;
  status: string;
  current_step: number;
  total_steps: number;
  company_name: string;
  signer: { step: number; name: string; language: string };
  link: { state: LinkAccess; expires_at: string; outcome: LinkOutcome | null };
  verification: {
    needed: boolean;
    verified: boolean;
    locked_until: string | null;
    methods: { method: VerificationMethod; passed: boolean; hint: string | null; mobile_number: string | null }[];
  };
  document: {
    pdf_url: string;
    pages: { width: number; height: number }[];
    /** Whether the PDF at pdf_url shows the values the signer cannot change. */
    values_drawn: boolean;
    /** The template's pages as images, without values: `url` with {page} filled in, at one of `widths` (?width=). */
    page_images: { url: string; widths: readonly number[] };
  } | null;
  fields: SignField[] | null;
}
