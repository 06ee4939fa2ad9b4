// POST /api/v1/verify: is this PDF a document Dojang completed and sealed, which workflow,
// and has it been altered? The seal answers the first and last; the stored fingerprints
// say whether it is byte for byte the file Dojang handed out.
import type { X509Certificate } from 'node:crypto';
import type { Context } from '../context.ts';
import { sha256Hex } from '../security/random-token.ts';
import { parseSealReason } from './seal-reason.ts';
import type { SigningKey } from './signing-key.ts';
import type { SealProblem } from './verify-sealed-pdf.ts';
import { asServiceError } from '../pdf/pdf-service-error.ts';

export interface DocumentVerification {
  /** Dojang's seal made the file's last signature. */
  sealed: boolean;
  /** Sealed and unaltered. */
  intact: boolean;
  problem: SealProblem | null;
  workflow_id: string | null;
  kind: 'completed' | 'history certificate' | null;
  signed_at: string | null;
  /** The time of the seal's RFC 3161 timestamp, when the server stamps its seals (DOJANG_TSA_URL). */
  timestamped_at: string | null;
  /** The file is exactly one this server stored (its SHA-256 is on record). */
  on_record: boolean;
  company_id: string | null;
  workflow_name: string | null;
  sha256: string;
}

/** `timestampAuthorities`: DOJANG_TSA_CA, which a seal's timestamp must come from to count (any authority, when empty). */
export async function verifyDocument(
  ctx: Pick<Context, 'db' | 'pdf'>,
  key: SigningKey,
  pdf: Uint8Array,
  timestampAuthorities: readonly X509Certificate[] = [],
): Promise<DocumentVerification> {
  // Reading a 30 MB upload and checking its signature is a PDF worker's job, not the event loop's.
  const der = (certificates: readonly X509Certificate[]) => certificates.map((c) => new Uint8Array(c.raw));
  const seal = await asServiceError(() => ctx.pdf.run('verify', { pdf, trusted: der(key.trustedCertificates), authorities: der(timestampAuthorities) }));
  const sha256 = sha256Hex(pdf);
  const stored = await ctx.db
    .selectFrom('documents as d')
    .innerJoin('workflows as w', 'w.id', 'd.workflow_id')
    .select(['w.id', 'w.name', 'w.company_id'])
    .where((eb) => eb.or([eb('d.document_sha256', '=', sha256), eb('d.certificate_sha256', '=', sha256)]))
    .executeTakeFirst();
  const reason = seal.intact && seal.reason ? parseSealReason(seal.reason) : undefined;
  return {
    sealed: seal.sealed,
    intact: seal.intact,
    problem: seal.problem ?? null,
    workflow_id: reason?.workflowId ?? seal.workflowId ?? null,
    kind: reason?.kind ?? null,
    signed_at: seal.signedAt ?? null,
    timestamped_at: seal.timestampedAt ?? null,
    on_record: stored !== undefined,
    company_id: stored?.company_id ?? null,
    workflow_name: stored?.name ?? null,
    sha256,
  };
}
