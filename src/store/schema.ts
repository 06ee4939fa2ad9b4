// Every table, typed. Timestamps are ISO-8601 UTC strings with milliseconds
// (`2026-12-01T00:30:05.250Z`): they sort as text and read the same on SQLite and PostgreSQL.
// Booleans are 0/1 integers for the same reason.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CompanyId, JobId, MemberId, TemplateId, WorkflowId } from '../domain/ids.ts';
import type { Timestamp } from '../domain/time.ts';
export type { Timestamp };

export interface CompanyTable {
  id: CompanyId;
  name: string;
  /** The company's time zone as an offset, e.g. "+09:00" (expiry days, search dates). */
  utc_offset: string;
  webhook_secret: string;
  webhook_secret_previous: string | null;
  /** Until when the previous secret still signs too. */
  webhook_secret_previous_until: Timestamp | null;
  created_at: Timestamp;
}

export interface MemberTable {
  id: Generated<MemberId>;
  company_id: CompanyId;
  email: string;
  name: string;
  password_hash: string;
  role: 'admin' | 'member';
  created_at: Timestamp;
  /** Removed in the console (migration 0007): no login, no token, not listed; history keeps the row. */
  removed_at: Timestamp | null;
  /** The OpenID provider's issuer and subject this member signs in as (migration 0012); null until their first sign-in through it. */
  oidc_issuer: Generated<string | null>;
  oidc_subject: Generated<string | null>;
}

export interface AccessTokenTable {
  token_hash: string;
  company_id: CompanyId;
  member_id: MemberId;
  label: string | null;
  expires_at: Timestamp;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface TemplateTable {
  id: Generated<TemplateId>;
  company_id: CompanyId;
  name: string;
  steps: number;
  /** JSON: TemplateField[] */
  fields: string;
  /** JSON: [{width, height}] per page, in PDF points. */
  pages: string;
  pdf_key: string;
  pdf_sha256: string;
  creator_member_id: MemberId;
  /** 1 for a template made for one contract from a tagged PDF (POST /api/v1/contracts): listed apart. */
  one_off: Generated<0 | 1>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

import type { WorkflowStatus } from '../domain/workflow-status.ts';
export type { WorkflowStatus };

export interface WorkflowTable {
  id: Generated<WorkflowId>;
  company_id: CompanyId;
  template_id: TemplateId;
  name: string;
  status: WorkflowStatus;
  /** eSignon workflow_type: WEBTYPE (non-face-to-face) or BULKTYPE. */
  type: 'WEBTYPE' | 'BULKTYPE';
  current_step: number;
  total_steps: number;
  starter_member_id: MemberId;
  language: string;
  comment: string;
  /** The `expireddate` as given (YYYY-MM-DD, company time), or null. */
  expires_on: string | null;
  /** The end of `expires_on` in the company's time zone, as UTC. */
  expires_at: Timestamp | null;
  embed: number;
  /** JSON: the export_api_info given at start, or null. Holds the receiver's authorization. */
  export_config: string | null;
  /** JSON: [{name, email, language}] from customer_list. */
  referers: string;
  /** How many export events this workflow has had: the next one's processid is this + 1. */
  export_seq: number;
  /** Optimistic lock: every state change bumps it, so two actions on one step cannot both win. */
  version: number;
  /** Set when documents are produced (or produced again) for a completed workflow. */
  /** `refused`: the template's PDF breaks a bound it is read within; the job gave up (its attempts say why). */
  documents_state: 'none' | 'pending' | 'ready' | 'failed' | 'refused' | 'removed';
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: Timestamp | null;
}

export interface PlayerTable {
  workflow_id: WorkflowId;
  step: number;
  /** `player_list.email`: an email address or a mobile number, exactly as given. */
  identity: string;
  name: string;
  mobile_number: string | null;
  password_hash: string | null;
  password_hint: string | null;
  language: string;
  acted_at: Timestamp | null;
}

export interface FieldValueTable {
  workflow_id: WorkflowId;
  field_name: string;
  value: string;
  /** 0 for values given at start. */
  step: number;
  updated_at: Timestamp;
}

export interface HistoryTable {
  id: Generated<number>;
  workflow_id: WorkflowId;
  /** eSignon's step_code, e.g. SIGN_COMPLETE. */
  step_code: string;
  action_id: number | null;
  actor_name: string;
  actor_identity: string;
  comment: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
}

export interface SignTokenTable {
  token_hash: string;
  workflow_id: WorkflowId;
  step: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  /** Set when the step was acted upon or the workflow ended: the link then only shows what happened. */
  closed_at: Timestamp | null;
}

export type JobStatus = 'pending' | 'running' | 'succeeded' | 'dead';
export type JobQueue = 'export' | 'notify' | 'document';

/** The durable outbox: every side effect of a change is a row written in the change's transaction. */
export interface JobTable {
  id: Generated<JobId>;
  queue: JobQueue;
  company_id: CompanyId;
  workflow_id: WorkflowId | null;
  /** Jobs with the same key run one at a time in id order (an export's workflow). */
  ordering_key: string | null;
  /** Where the job goes (a receiver's host), to bound concurrency per destination. */
  target: string | null;
  status: JobStatus;
  /** 1 while an earlier job with the same ordering key is open: only the first may be claimed (migration 0004). */
  blocked: Generated<number>;
  attempts: number;
  run_at: Timestamp;
  lease_owner: string | null;
  lease_expires_at: Timestamp | null;
  /** JSON, shaped by the queue. */
  payload: string;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
  /** When retention cleared its content (the payload's personal data, the attempts' response excerpts); null until then. */
  cleared_at: Generated<Timestamp | null>;
}

export interface JobAttemptTable {
  id: Generated<number>;
  job_id: JobId;
  started_at: Timestamp;
  duration_ms: number;
  ok: number;
  /** For messages: email, alimtalk, sms or dev. */
  channel: string | null;
  status_code: number | null;
  error: string | null;
  /** The first 4 KB of the response. */
  response_excerpt: string | null;
}

export interface FileTable {
  key: string;
  content: Uint8Array;
  created_at: Timestamp;
}

export interface DocumentTable {
  workflow_id: WorkflowId;
  document_key: string;
  document_sha256: string;
  certificate_key: string;
  certificate_sha256: string;
  created_at: Timestamp;
}

/** A signer's verified session on one signing link (migration 0002_signing). Stored hashed. */
export interface SignSessionTable {
  session_hash: string;
  token_hash: string;
  workflow_id: WorkflowId;
  step: number;
  /** Comma-separated verifications passed on this link: `password`, `otp`. */
  methods: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** Wrong passwords and codes of one step, and the lockout they lead to. */
export interface SignGuardTable {
  workflow_id: WorkflowId;
  step: number;
  /** Attempts since the last success or lockout, counted before the secret is checked. */
  failures: number;
  locked_until: Timestamp | null;
  updated_at: Timestamp;
}

/** One-time codes sent to a player's mobile_number, stored hashed. */
export interface SignCodeTable {
  id: Generated<number>;
  workflow_id: WorkflowId;
  step: number;
  code_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** History events a signing link records once (VIEW, SIGN_START). */
export interface SignLinkMarkTable {
  token_hash: string;
  mark: 'VIEW' | 'SIGN_START';
  created_at: Timestamp;
}

/** A company's visible (not Truncate) workflows, kept by triggers in a few slots (migration 0003). */
export interface WorkflowCountTable {
  company_id: CompanyId;
  slot: number;
  visible: number;
}

/** A member's console session (migration 0005_console), stored as the SHA-256 of its cookie. */
export interface ConsoleSessionTable {
  session_hash: string;
  company_id: CompanyId;
  member_id: MemberId;
  created_at: Timestamp;
  /** Written at most every few minutes: sessions end after a while without use. */
  last_seen_at: Timestamp;
  /** The latest a session may live, however busy. */
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

/** Wrong passwords of one email at one company (1001Q and the console), and the lockout they lead to. */
export interface LoginGuardTable {
  company_id: CompanyId;
  /** Lower-cased, as members' emails are stored. */
  email: string;
  /** The client address counted, or `*` for the count from every address. */
  client: string;
  failures: number;
  locked_until: Timestamp | null;
  updated_at: Timestamp;
}

/** A template edited in the console while workflows used it: the edit is a new template. */
export interface TemplateReplacementTable {
  old_template_id: TemplateId;
  new_template_id: TemplateId;
  member_id: MemberId;
  created_at: Timestamp;
}

export interface SettingTable {
  key: string;
  value: string;
}

/** A count of requests under one key (a signing link, a document link, a login) until its window ends. */
export interface RateLimitTable {
  /** What is counted, hashed where it holds a secret: `sign:<sha256 of the token>`, … */
  key: string;
  count: number;
  window_ends: Timestamp;
}

/** A signer's values saved as they type, before approving: not a change of the workflow. */
export interface SignDraftTable {
  /** The signing link's: a draft lives and dies with its link (closed once the step acts). */
  token_hash: string;
  workflow_id: WorkflowId;
  /** JSON: values by field name, of this link's step's own boxes. */
  field_values: string;
  updated_at: Timestamp;
}

export interface Database {
  companies: CompanyTable;
  members: MemberTable;
  access_tokens: AccessTokenTable;
  templates: TemplateTable;
  workflows: WorkflowTable;
  players: PlayerTable;
  field_values: FieldValueTable;
  history: HistoryTable;
  sign_tokens: SignTokenTable;
  jobs: JobTable;
  job_attempts: JobAttemptTable;
  files: FileTable;
  documents: DocumentTable;
  settings: SettingTable;
  sign_sessions: SignSessionTable;
  sign_guards: SignGuardTable;
  sign_codes: SignCodeTable;
  sign_link_marks: SignLinkMarkTable;
  workflow_counts: WorkflowCountTable;
  console_sessions: ConsoleSessionTable;
  login_guards: LoginGuardTable;
  rate_limits: RateLimitTable;
  sign_drafts: SignDraftTable;
  template_replacements: TemplateReplacementTable;
}

export type Company = Selectable<CompanyTable>;
export type Member = Selectable<MemberTable>;
export type Template = Selectable<TemplateTable>;
export type Workflow = Selectable<WorkflowTable>;
export type WorkflowUpdate = Updateable<WorkflowTable>;
export type Player = Selectable<PlayerTable>;
export type HistoryEntry = Selectable<HistoryTable>;
export type NewHistoryEntry = Insertable<HistoryTable>;
export type Job = Selectable<JobTable>;
export type NewJob = Insertable<JobTable>;
export type JobAttempt = Selectable<JobAttemptTable>;
