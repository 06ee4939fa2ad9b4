// A timestamp authority on loopback for tests: answers RFC 3161 requests over HTTP with real,
// signed tokens (a self-signed TSA certificate with the critical timeStamping purpose, so that
// `openssl ts -verify` accepts them), or misbehaves on request.

import { createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import forge from 'node-forge';
import { buildCadesSignature } from '../build-cades-signature.ts';
import { OID } from '../cms-oids.ts';
import { TAG, childrenOf, encodeOid, encodeTlv, expectTag, readTlv, whole } from '../der-encoding.ts';
import type { SigningKey } from '../signing-key.ts';

/** How the next answers go: a token, one over another hash, one altered after it was signed, a refusal (PKIStatus 2), or HTTP 500. */
export type TsaBehaviour = 'grant' | 'wrong-imprint' | 'tampered' | 'refuse' | 'http-500';

export interface TsaStandIn {
  url: string;
  /** The TSA certificate, PEM: the trust anchor for `openssl ts -verify -CAfile`. */
  certificatePem: string;
  requests: number;
  /** The Authorization header of the last request, if it had one. */
  lastAuthorization: string | undefined;
  behaviour: TsaBehaviour;
  close(): Promise<void>;
}

/** `timeStamping: false` gives the authority a certificate without that purpose, which RFC 3161 requires. */
export async function startTsaStandIn(options: { timeStamping?: boolean } = {}): Promise<TsaStandIn> {
  const key = tsaKey(options.timeStamping ?? true);
  const state = { requests: 0, lastAuthorization: undefined as string | undefined, behaviour: 'grant' as TsaBehaviour };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      state.requests++;
      state.lastAuthorization = req.headers.authorization;
      void answer(Buffer.concat(chunks), key, state.behaviour).then(
        (reply) => {
          if (reply === null) return void res.writeHead(500).end('down');
          res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(reply);
        },
        (error: Error) => res.writeHead(400).end(error.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    certificatePem: key.certificate.toString(),
    get requests() {
      return state.requests;
    },
    get lastAuthorization() {
      return state.lastAuthorization;
    },
    get behaviour() {
      return state.behaviour;
    },
    set behaviour(value: TsaBehaviour) {
      state.behaviour = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function answer(request: Buffer, key: SigningKey, behaviour: TsaBehaviour): Promise<Buffer | null> {
  if (behaviour === 'http-500') return null;
  if (behaviour === 'refuse') {
    const status = encodeTlv(
      TAG.SEQUENCE,
      encodeTlv(TAG.INTEGER, Buffer.from([2])),
      encodeTlv(TAG.SEQUENCE, encodeTlv(TAG.UTF8_STRING, Buffer.from('badAlg'))),
    );
    return Buffer.from(encodeTlv(TAG.SEQUENCE, status));
  }
  const fields = childrenOf(request, expectTag(readTlv(request, 0), TAG.SEQUENCE, 'a TimeStampReq'));
  let imprint = Buffer.from(whole(request, expectTag(fields[1], TAG.SEQUENCE, 'a MessageImprint')));
  if (behaviour === 'wrong-imprint')
    imprint = Buffer.from(encodeTlv(TAG.SEQUENCE, encodeTlv(TAG.SEQUENCE, encodeOid(OID.sha256)), encodeTlv(TAG.OCTET_STRING, randomBytes(32))));
  const nonce = fields.find((f, i) => i > 1 && f.tag === TAG.INTEGER);
  const serial = randomBytes(8);
  serial[0] = (serial[0]! & 0x3f) | 0x40;
  const tstInfo = encodeTlv(
    TAG.SEQUENCE,
    encodeTlv(TAG.INTEGER, Buffer.from([1])),
    encodeOid('1.3.6.1.4.1.99999.1'), // policy: a private arc, fine for a stand-in
    imprint,
    encodeTlv(TAG.INTEGER, serial),
    encodeTlv(TAG.GENERALIZED_TIME, Buffer.from(generalizedTime(new Date()), 'latin1')),
    ...(nonce ? [whole(request, nonce)] : []),
  );
  const token = await buildCadesSignature(tstInfo, key, { encapsulate: { contentType: OID.tstInfo } });
  if (behaviour === 'tampered') token[Buffer.from(token).indexOf(serial)]! ^= 0x01; // another serial number than the one signed
  return Buffer.from(encodeTlv(TAG.SEQUENCE, encodeTlv(TAG.SEQUENCE, encodeTlv(TAG.INTEGER, Buffer.from([0]))), token));
}

/** YYYYMMDDHHMMSS.sssZ */
function generalizedTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '');
}

function tsaKey(timeStamping: boolean): SigningKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const subject = [{ shortName: 'CN', value: 'Dojang Test TSA' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    timeStamping ? { name: 'extKeyUsage', timeStamping: true, critical: true } : { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forgeKey, forge.md.sha256.create());
  const certificate = new X509Certificate(forge.pki.certificateToPem(cert));
  return {
    privateKey: createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' })),
    certificate,
    chain: [],
    trustedCertificates: [certificate],
    source: 'operator',
  };
}
