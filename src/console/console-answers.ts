// What the console's API answers (http/console/*-routes.ts), as the services here return it and
// the console's page reads it (src/web/console). Types over the domain's, and TypeBox: the
// browser's code imports them without pulling in the server.
import { Type, type Static } from 'typebox';
import type { FieldType, TemplateField } from '../domain/fields.ts';
import type { MemberId } from '../domain/ids.ts';
import type { WorkflowStatus } from '../domain/workflow-status.ts';

/** A row of the contract list (list-contracts.ts). */
export interface ContractRow {
  workflow_id: string;
  name: string;
  status: WorkflowStatus;
  template_id: string;
  template_name: string;
  current_step: number;
  total_steps: number;
  current_signer: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

/** Where a step's signer stands, read from the workflow's status and its history. */
export type SignerState = 'waiting' | 'due' | 'viewed' | 'signed' | 'returned' | 'not-reached';

/** One contract with its signers, history, boxes and documents (describe-contract.ts); instants are ISO-8601. */
export interface ContractView {
  workflow_id: string;
  name: string;
  status: WorkflowStatus;
  template: { id: string; name: string };
  current_step: number;
  total_steps: number;
  language: string;
  comment: string;
  expires_on: string | null;
  starter: { name: string; email: string };
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  /** Where exports go (`api_type` is export_api_info's ALL or StartAndEnd), without credentials. */
  export: { url: string; api_type: string; request_code: string; embed: boolean } | null;
  signers: {
    step: number;
    name: string;
    identity: string;
    mobile_number: string | null;
    password: boolean;
    language: string;
    state: SignerState;
    acted_at: string | null;
  }[];
  history: { step_code: string; step: number | null; actor_name: string; actor_identity: string; comment: string; ip: string | null; at: string }[];
  /** Images are listed without their value: only whether one is there. */
  fields: { name: string; type: FieldType; step: number; value: string; filled: boolean }[];
  documents: {
    /** workflows.documents_state: where the completed PDF and the history certificate stand. */
    state: 'none' | 'pending' | 'ready' | 'failed' | 'refused' | 'removed';
    attempts: number;
    last_error: string | null;
    download_url: string | null;
    certificate_url: string | null;
    viewer_url: string | null;
  };
  /** What the member may do with it now. */
  can: { cancel: boolean; resend: boolean; dispose: boolean };
}

/** A template in the console's list (list-console-templates.ts). */
export interface TemplateSummary {
  doc_id: string;
  name: string;
  steps: number;
  field_count: number;
  in_use: boolean;
  replaced_by: string | null;
  replaces: string | null;
  created_at: string;
  updated_at: string;
}

/** A box as the editor reads it: what a box has not, null. */
export type ConsoleField = Omit<TemplateField, 'label' | 'group' | 'default'> & { label: string | null; group: string | null; default: string | null };

/** One template for the editor: its pages and boxes, and how many workflows use it. */
export interface ConsoleTemplate {
  doc_id: string;
  name: string;
  steps: number;
  pages: { width: number; height: number }[];
  fields: ConsoleField[];
  workflow_count: number;
  replaced_by: string | null;
  replaces: string | null;
  created_at: string;
  updated_at: string;
}

/** A PDF's text tags read for the editor (read-editor-text-tags.ts); nothing stored. */
export interface EditorTextTags {
  /** The template's steps so far, or more when a tag names a later step. */
  steps: number;
  /** The boxes the tags stand for; none when the PDF has no tag. */
  fields: ConsoleField[];
  /** The PDF without the tags' text, base64; null when there was no tag to take out. */
  pdf: string | null;
}

/** A named API token (api-tokens.ts); `token_id` is its SHA-256, which names it without being usable as one. */
export interface ApiToken {
  token_id: string;
  label: string;
  member: { name: string; email: string };
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  state: 'active' | 'expired' | 'revoked';
}

export type MemberRole = 'admin' | 'member';

/** A member of the company (company-members.ts), never with their password hash. */
export interface CompanyMember {
  id: MemberId;
  email: string;
  name: string;
  role: MemberRole;
  created_at: string;
}

/** `GET /console/api/login-methods`: how the login page offers to sign in. */
export const LoginMethods = Type.Object({
  password: Type.Boolean({ description: 'the console takes company, email and password (POST /console/api/login)' }),
  oidc: Type.Union([
    Type.Object({ label: Type.String(), url: Type.String({ description: 'open it in the browser to sign in through the provider' }) }),
    Type.Null(),
  ]),
});
export type LoginMethods = Static<typeof LoginMethods>;

/** Why the company's OpenID provider's sign-in found no member to let in (oidc-sign-in.ts). */
export type OidcRefusal = 'email-unverified' | 'not-a-member' | 'member-removed' | 'bound-elsewhere';

/** What the login page is told (`?login_error=`) when a sign-in through the provider fails. */
export type OidcFailure = OidcRefusal | 'flow-expired' | 'state-mismatch' | 'provider-refused' | 'provider-unreachable' | 'token-rejected';
