// RFC 3161 timestamps of the seal (PAdES B-T) from a timestamp authority on loopback, read
// back with pdfsig and checked with `openssl ts -verify`; and every way a TSA can let us down.

import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSampleContractPdf } from '../demo/sample-contract.ts';
import { OID } from './cms-oids.ts';
import { TAG, childrenOf, contentOf, contextTag, decodeOid, encodeTlv, expectTag, readTlv, subjectKeyIdentifier, whole } from './der-encoding.ts';
import { requestTimestamp, timeStampedFor, timestampTime } from './request-timestamp.ts';
import { sealPdf } from './seal-pdf.ts';
import { sealReason } from './seal-reason.ts';
import { pdfSig, withPdfFile } from './test-support/poppler.ts';
import { signatureOf } from './test-support/signature-of.ts';
import { makeTestSigningKey, type TestSigningKey } from './test-support/test-signing-key.ts';
import { verifySealedPdf } from './verify-sealed-pdf.ts';
import { startTsaStandIn, type TsaStandIn } from './test-support/tsa-stand-in.ts';

const run = promisify(execFile);
let signing: TestSigningKey;
let tsa: TsaStandIn;

beforeAll(async () => {
  signing = await makeTestSigningKey();
  tsa = await startTsaStandIn();
});
afterAll(async () => {
  await tsa?.close();
  await signing?.remove();
});

/** The signer's signature value and its unsigned attributes' timestamp token, from a CMS. */
function signatureAndToken(cms: Uint8Array): { signature: Uint8Array; token: Uint8Array | undefined } {
  const [, explicit] = childrenOf(cms, readTlv(cms, 0));
  const signedData = childrenOf(cms, childrenOf(cms, explicit!)[0]!);
  const signerInfo = childrenOf(cms, childrenOf(cms, signedData.at(-1)!)[0]!);
  const signature = contentOf(cms, expectTag(signerInfo[5], TAG.OCTET_STRING, 'the signature value'));
  const unsigned = signerInfo[6];
  if (unsigned === undefined) return { signature, token: undefined };
  expect(unsigned.tag).toBe(contextTag(1));
  const [type, values] = childrenOf(cms, childrenOf(cms, unsigned)[0]!);
  expect(decodeOid(cms, type!)).toBe(OID.signatureTimeStampToken);
  return { signature, token: whole(cms, childrenOf(cms, values!)[0]!) };
}

/** The TSTInfo's serialNumber inside a token: ContentInfo → SignedData → encapsulated content → TSTInfo. */
function serialNumberOf(token: Uint8Array) {
  const [, explicit] = childrenOf(token, readTlv(token, 0));
  const encapsulated = childrenOf(token, childrenOf(token, explicit!)[0]!)[2]!;
  const octets = childrenOf(token, childrenOf(token, encapsulated)[1]!)[0]!;
  const tstInfo = readTlv(token, octets.contentStart, octets.end);
  return expectTag(childrenOf(token, tstInfo)[3], TAG.INTEGER, 'the serial number');
}

/** The same token with its signer named by subject key identifier (SignerInfo version 3), as some authorities write it; the signature is over the signed attributes, so it still holds. */
function signerNamedByKeyIdentifier(token: Uint8Array, keyIdentifier: Uint8Array): Uint8Array {
  const [type, explicit] = childrenOf(token, readTlv(token, 0));
  const signedData = childrenOf(token, childrenOf(token, explicit!)[0]!);
  const signerInfo = childrenOf(token, childrenOf(token, signedData.at(-1)!)[0]!);
  const renamed = encodeTlv(
    TAG.SEQUENCE,
    encodeTlv(TAG.INTEGER, Buffer.from([3])),
    encodeTlv(contextTag(0, false), keyIdentifier),
    ...signerInfo.slice(2).map((t) => whole(token, t)),
  );
  const rest = signedData.slice(0, -1).map((t) => whole(token, t));
  return encodeTlv(TAG.SEQUENCE, whole(token, type!), encodeTlv(contextTag(0), encodeTlv(TAG.SEQUENCE, ...rest, encodeTlv(TAG.SET, renamed))));
}

describe('a seal with a timestamp', () => {
  it('carries a token over its own signature value that openssl verifies, and pdfsig still finds the seal intact', async () => {
    const { pdf } = await makeSampleContractPdf();
    const before = tsa.requests;
    const sealed = await sealPdf(pdf, signing.key, {
      reason: sealReason('7'),
      location: 'Dojang',
      name: '에이크미',
      timestamp: (signatureValue) => requestTimestamp(tsa.url, signatureValue),
    });
    expect(tsa.requests).toBe(before + 1);

    const sig = await pdfSig(sealed);
    expect(sig.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(sig.stdout).toContain('ETSI.CAdES.detached');

    const { signature, token } = signatureAndToken(signatureOf(sealed).cms);
    expect(token).toBeDefined();
    expect(Math.abs(timestampTime(token!).getTime() - Date.now())).toBeLessThan(60_000);
    const verified = await withPdfFile(sealed, async (_path, dir) => {
      await writeFile(join(dir, 'token.der'), token!);
      await writeFile(join(dir, 'tsa.pem'), tsa.certificatePem);
      const digest = createHash('sha256').update(signature).digest('hex');
      const { stdout } = await run('openssl', [
        'ts',
        '-verify',
        '-digest',
        digest,
        '-in',
        join(dir, 'token.der'),
        '-token_in',
        '-CAfile',
        join(dir, 'tsa.pem'),
      ]);
      // The same token does not stamp another signature.
      const other = createHash('sha256').update('another signature').digest('hex');
      const refused = await run('openssl', [
        'ts',
        '-verify',
        '-digest',
        other,
        '-in',
        join(dir, 'token.der'),
        '-token_in',
        '-CAfile',
        join(dir, 'tsa.pem'),
      ]).then(
        () => 'verified',
        (error: { stdout?: string }) => error.stdout ?? 'refused',
      );
      return { stdout, refused };
    });
    expect(verified.stdout).toContain('Verification: OK');
    expect(verified.refused).toContain('Verification: FAILED');

    const verification = verifySealedPdf(sealed, signing.key.trustedCertificates);
    expect(verification).toMatchObject({ sealed: true, intact: true, timestampedAt: timestampTime(token!).toISOString() });
  });

  it('is not stamped without a timestamp authority', async () => {
    const { pdf } = await makeSampleContractPdf();
    const sealed = await sealPdf(pdf, signing.key, { reason: sealReason('8'), location: 'Dojang', name: 'Dojang' });
    expect(signatureAndToken(signatureOf(sealed).cms).token).toBeUndefined();
    expect(verifySealedPdf(sealed, signing.key.trustedCertificates)).not.toHaveProperty('timestampedAt');
  });
});

describe('requestTimestamp refuses', () => {
  const value = new Uint8Array(Buffer.from('a signature value'));
  const attempt = async (behaviour: TsaStandIn['behaviour']) => {
    tsa.behaviour = behaviour;
    try {
      return await requestTimestamp(tsa.url, value).then(
        () => 'stamped',
        (error: Error & { code?: string }) => `${error.code}: ${error.message}`,
      );
    } finally {
      tsa.behaviour = 'grant';
    }
  };

  it('a token over another hash', async () => {
    expect(await attempt('wrong-imprint')).toBe('TIMESTAMP_FAILED: the timestamp authority stamped something other than this signature');
  });

  it('a refusal, with the reason the authority gave', async () => {
    expect(await attempt('refuse')).toBe('TIMESTAMP_FAILED: the timestamp authority refused (PKIStatus 2: badAlg)');
  });

  it('an HTTP error, and an authority that does not answer', async () => {
    expect(await attempt('http-500')).toBe('TIMESTAMP_FAILED: the timestamp authority answered HTTP 500');
    const closed = await startTsaStandIn();
    await closed.close();
    expect(
      await requestTimestamp(closed.url, value).then(
        () => 'stamped',
        (error: Error) => error.message,
      ),
    ).toMatch(/^the timestamp authority did not answer/);
  });

  it('a token altered after the authority signed it', async () => {
    expect(await attempt('tampered')).toBe("TIMESTAMP_FAILED: the timestamp authority's token cannot be relied on: its signature does not verify");
  });

  it('a token signed with a certificate that is not for timestamping', async () => {
    const unfit = await startTsaStandIn({ timeStamping: false });
    try {
      expect(
        await requestTimestamp(unfit.url, value).then(
          () => 'stamped',
          (error: Error) => error.message,
        ),
      ).toBe("the timestamp authority's token cannot be relied on: its certificate is not one for timestamping");
    } finally {
      await unfit.close();
    }
  });

  it('a token from another authority than DOJANG_TSA_CA', async () => {
    const other = await startTsaStandIn();
    await other.close();
    const refused = await requestTimestamp(tsa.url, value, { authorities: [new X509Certificate(other.certificatePem)] }).then(
      () => 'stamped',
      (error: Error) => error.message,
    );
    expect(refused).toBe("the timestamp authority's token cannot be relied on: its certificate (CN=Dojang Test TSA) is not DOJANG_TSA_CA's or issued under it");
    expect(await requestTimestamp(tsa.url, value, { authorities: [new X509Certificate(tsa.certificatePem)] }).then(() => 'stamped')).toBe('stamped');
  });

  it('stamps when the authority grants', async () => {
    expect(await attempt('grant')).toBe('stamped');
    expect(tsa.lastAuthorization).toBeUndefined();
  });

  it('sends a user and password given in the URL as HTTP Basic', async () => {
    const url = new URL(tsa.url);
    url.username = 'dojang';
    url.password = 'p@ss:워드';
    await requestTimestamp(url.toString(), value);
    expect(tsa.lastAuthorization).toBe(`Basic ${Buffer.from('dojang:p@ss:워드').toString('base64')}`);
  });
});

describe('timeStampedFor', () => {
  const value = new Uint8Array(Buffer.from('another signature value'));

  it('answers the time of a token over this value whose signature holds, and nothing for any other', async () => {
    const token = await requestTimestamp(tsa.url, value);
    const time = timeStampedFor(token, value);
    expect(time?.getTime()).toBeCloseTo(Date.now(), -4);
    expect(timeStampedFor(token, value, [new X509Certificate(tsa.certificatePem)])).toEqual(time);
    expect(timeStampedFor(token, new Uint8Array(Buffer.from('a different value')))).toBeUndefined();
    const other = await startTsaStandIn();
    await other.close();
    expect(timeStampedFor(token, value, [new X509Certificate(other.certificatePem)])).toBeUndefined();
    // One byte of the TSTInfo changed after signing (its serial number): the signature no longer holds.
    const tampered = Uint8Array.from(token);
    tampered[serialNumberOf(tampered).contentStart]! ^= 0x01;
    expect(timeStampedFor(tampered, value)).toBeUndefined();
  });

  it('finds a signer named by its subject key identifier', async () => {
    const token = await requestTimestamp(tsa.url, value);
    const keyIdentifier = subjectKeyIdentifier(new X509Certificate(tsa.certificatePem).raw)!;
    expect(keyIdentifier).toHaveLength(20);
    expect(timeStampedFor(signerNamedByKeyIdentifier(token, keyIdentifier), value)).toEqual(timeStampedFor(token, value));
    expect(timeStampedFor(signerNamedByKeyIdentifier(token, new Uint8Array(20)), value)).toBeUndefined();
  });
});
