// Seals a finished PDF with Dojang's key: a PAdES signature, SubFilter
// ETSI.CAdES.detached, whose ByteRange covers the whole file except the signature itself.
// The file is rewritten once by pdf-lib to hold the placeholder; after sealing, any change
// (even re-saving it with pdf-lib) breaks the seal, which is the point.
// With a timestamp authority configured (DOJANG_TSA_URL), the signature also carries an RFC 3161
// timestamp of itself (PAdES B-T), so its time no longer rests on Dojang's clock alone.

import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf, Signer } from '@signpdf/signpdf';
import { PDFDocument } from 'pdf-lib';
import { buildCadesSignature, type Timestamper } from './build-cades-signature.ts';
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
  /** Stamps the signature value (request-timestamp.ts); none by default. */
  timestamp?: Timestamper | undefined;
}

const SUBFILTER = 'ETSI.CAdES.detached';
// Bytes reserved for the CMS: ours is about 3 KB with a 3072-bit key and two certificates;
// the rest is room for an operator's longer chain. A timestamp token brings the TSA's own
// certificates (often a chain of three), hence more room when there is one.
const SIGNATURE_BYTES = 8192;
const TIMESTAMPED_SIGNATURE_BYTES = 24_576;

/** Lets @signpdf place our CAdES signature instead of its adbe.pkcs7.detached one. */
class CadesSigner extends Signer {
  readonly #key: SigningKey;
  readonly #timestamp: Timestamper | undefined;

  constructor(key: SigningKey, timestamp: Timestamper | undefined) {
    super();
    this.#key = key;
    this.#timestamp = timestamp;
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return Buffer.from(await buildCadesSignature(pdfBuffer, this.#key, { timestamp: this.#timestamp }));
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
      signatureLength: (details.timestamp ? TIMESTAMPED_SIGNATURE_BYTES : SIGNATURE_BYTES) * 2, // counted in hex digits
      appName: 'Dojang',
    });
    const withPlaceholder = await doc.save();
    return new Uint8Array(await new SignPdf().sign(Buffer.from(withPlaceholder), new CadesSigner(key, details.timestamp)));
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError('SEAL_FAILED', `sealing failed: ${(error as Error).message}`, { cause: error });
  }
}
