// The completed PDF and the history certificate of one workflow, each sealed: the CPU-heavy half
// of the document job, run in a PDF worker (pdf/pdf-tasks.ts). Its input is plain data that
// crosses to the worker thread as it is: the key as a KeyObject, certificates as DER.
import { X509Certificate, type KeyObject } from 'node:crypto';
import { sha256Hex } from '../security/random-token.ts';
import type { PdfLimits } from '../pdf/pdf-limits.ts';
import type { FieldValues, TemplateField } from '../domain/fields.ts';
import { fillCompletedPdf } from './fill-completed-pdf.ts';
import { renderHistoryCertificate, type HistoryCertificateData } from './render-history-certificate.ts';
import { requestTimestamp } from './request-timestamp.ts';
import { sealPdf } from './seal-pdf.ts';
import { sealReason } from './seal-reason.ts';
import type { SigningKey } from './signing-key.ts';

/** A signing key in a form a worker thread receives (KeyObject is cloned; X509Certificate is not). */
export interface PortableSigningKey {
  privateKey: KeyObject;
  certificate: Uint8Array;
  chain: Uint8Array[];
}

export function portableSigningKey(key: SigningKey): PortableSigningKey {
  return { privateKey: key.privateKey, certificate: new Uint8Array(key.certificate.raw), chain: key.chain.map((c) => new Uint8Array(c.raw)) };
}

export interface SealedDocumentsInput {
  workflowId: string;
  templatePdf: Uint8Array;
  templateChecked: boolean;
  limits: PdfLimits;
  fields: readonly TemplateField[];
  values: FieldValues;
  /** Everything the certificate shows but the completed PDF's fingerprint, made here. */
  certificate: Omit<HistoryCertificateData, 'completedPdfSha256'>;
  key: PortableSigningKey;
  /** The seal's /Location and /Name. */
  location: string;
  sealName: string;
  /** DOJANG_TSA_URL and DOJANG_TSA_CA as DER, when seals are timestamped. */
  timestamp: { url: string; authorities: Uint8Array[] } | null;
}

export interface SealedDocuments {
  document: Uint8Array;
  documentSha256: string;
  certificate: Uint8Array;
  certificateSha256: string;
}

export async function makeSealedDocuments(input: SealedDocumentsInput): Promise<SealedDocuments> {
  const key: SigningKey = {
    privateKey: input.key.privateKey,
    certificate: new X509Certificate(input.key.certificate),
    chain: input.key.chain.map((der) => new X509Certificate(der)),
    trustedCertificates: [],
    source: 'generated',
  };
  const stamp = input.timestamp;
  const authorities = stamp ? stamp.authorities.map((der) => new X509Certificate(der)) : [];
  const timestamp = stamp ? (signatureValue: Uint8Array) => requestTimestamp(stamp.url, signatureValue, { authorities }) : undefined;
  const seal = (pdf: Uint8Array, kind?: 'history certificate') =>
    sealPdf(pdf, key, { reason: sealReason(input.workflowId, kind), location: input.location, name: input.sealName, timestamp });

  const filled = await fillCompletedPdf({
    templatePdf: input.templatePdf,
    fields: input.fields,
    values: input.values,
    limits: input.limits,
    checked: input.templateChecked,
  });
  const document = await seal(filled);
  const documentSha256 = sha256Hex(document);
  const certificate = await seal(await renderHistoryCertificate({ ...input.certificate, completedPdfSha256: documentSha256 }), 'history certificate');
  return { document, documentSha256, certificate, certificateSha256: sha256Hex(certificate) };
}
