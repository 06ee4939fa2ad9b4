// Seals a finished PDF with Dojang's key (SPEC section 5): a PAdES signature, SubFilter
// ETSI.CAdES.detached, whose ByteRange covers the whole file except the signature itself.
// The file is rewritten once by pdf-lib to hold the placeholder; after sealing, any change
// (even re-saving it with pdf-lib) breaks the seal, which is the point.
//
// TODO (issue 5, optional): an RFC 3161 timestamp from a configured TSA, added as the
// signature-time-stamp unsigned attribute (PAdES B-T); SIGNATURE_BYTES leaves room for it.

import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf, Signer } from '@signpdf/signpdf';
import { PDFDocument } from 'pdf-lib';
import { buildCadesSignature } from './build-cades-signature.ts';
import { DocumentError } from './document-error.ts';
import { encodePdfTextLiteral } from './pdf-text-string.ts';
import type { SigningKey } from './signing-key.ts';

export interface SealDetails {
  /** Names the workflow: use `sealReason()` so verification can read it back. */
  reason: string;
  location: string;
  /** The sealing party as shown by PDF readers, e.g. the company or "Dojang". */
  name: string;
  contactInfo?: string;
  /** The claimed signing time (/M); now by default. */
  signingTime?: Date;
}

const SUBFILTER = 'ETSI.CAdES.detached';
// Bytes reserved for the CMS: ours is about 3 KB with a 3072-bit key and two certificates;
// the rest is room for an operator's longer chain or a future timestamp token.
const SIGNATURE_BYTES = 8192;

/** Lets @signpdf place our CAdES signature instead of its adbe.pkcs7.detached one. */
class CadesSigner extends Signer {
  readonly #key: SigningKey;

  constructor(key: SigningKey) {
    super();
    this.#key = key;
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return Buffer.from(buildCadesSignature(pdfBuffer, this.#key));
  }
}

export async function sealPdf(pdf: Uint8Array, key: SigningKey, details: SealDetails): Promise<Uint8Array> {
  try {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    pdflibAddPlaceholder({
      pdfDoc: doc,
      // @signpdf writes these as literal strings byte for byte; we hand it escaped ASCII.
      reason: encodePdfTextLiteral(details.reason),
      location: encodePdfTextLiteral(details.location),
      name: encodePdfTextLiteral(details.name),
      contactInfo: encodePdfTextLiteral(details.contactInfo ?? ''),
      signingTime: details.signingTime ?? new Date(),
      subFilter: SUBFILTER,
      signatureLength: SIGNATURE_BYTES * 2, // counted in hex digits
      appName: 'Dojang',
    });
    const withPlaceholder = await doc.save();
    return new Uint8Array(await new SignPdf().sign(Buffer.from(withPlaceholder), new CadesSigner(key)));
  } catch (error) {
    throw new DocumentError('SEAL_FAILED', `sealing failed: ${(error as Error).message}`, { cause: error });
  }
}
