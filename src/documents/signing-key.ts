// The key that seals completed documents. With no PKCS#12 configured
// (DOJANG_SIGNING_P12), Dojang makes its own root CA and a seal certificate issued by it on
// first use, so sealing never waits for an operator, and reuses them on every later start.
//
// Files under <dataDir>/keys/:
//   ca.key.pem         the root CA's private key (0600); only used to issue or renew the seal
//   ca.cert.pem        the root CA's certificate: what verification trusts
//   seal.p12           the seal key and certificate with the CA certificate (0600)
//   seal.p12.password  the random password of seal.p12 (0600)
//
// About that password: the server must open seal.p12 unattended, so the password has to sit
// where the server can read it, and anyone who can read the directory can read both. The real
// protection is the file mode (owner only) and whatever protects DATA_DIR (disk encryption,
// backups' access control). The password exists because PKCS#12 requires one, and it keeps the
// file from being usable on its own if copied without its neighbour. An operator who needs
// more supplies their own PKCS#12 and password from a secret store.

import { X509Certificate, createPrivateKey, createPublicKey, generateKeyPair, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { DocumentError } from './document-error.ts';

// Certificates are Node's X509Certificate: exact DER kept, native verification. forge is used
// only where Node has no API: making certificates and reading PKCS#12.
export interface SigningKey {
  privateKey: KeyObject;
  certificate: X509Certificate;
  /** Issuer certificates to embed beside the seal certificate, nearest first. */
  chain: X509Certificate[];
  /**
   * What `verifySealedPdf` accepts as Dojang's seal: a signer certificate equal to one of these
   * or issued by one of them. Our own CA when Dojang made the key; an operator's seal
   * certificate itself (never its issuer, which may be a public CA that signs for others).
   */
  trustedCertificates: X509Certificate[];
  source: 'generated' | 'operator';
}

export interface LoadSigningKeyOptions {
  dataDir: string;
  /** An operator's PKCS#12 file (DOJANG_SIGNING_P12); Dojang makes its own key when absent. */
  p12Path?: string;
  p12Password?: string;
  /** Organization named in generated certificates. Korean is fine. */
  organization?: string;
  /** RSA modulus size for generated keys; 3072 by default (tests use 2048 for speed). */
  rsaBits?: number;
  /** For tests: the clock. */
  now?: Date;
}

const DEFAULT_RSA_BITS = 3072;
const CA_YEARS = 30;
const SEAL_YEARS = 5;
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;
const FILES = {
  caKey: 'ca.key.pem',
  caCert: 'ca.cert.pem',
  p12: 'seal.p12',
  password: 'seal.p12.password',
} as const;

const generateRsaKeyPair = promisify(generateKeyPair);

export async function loadOrCreateSigningKey(options: LoadSigningKeyOptions): Promise<SigningKey> {
  const keysDir = join(options.dataDir, 'keys');
  if (options.p12Path !== undefined) {
    const key = parseP12(await readFile(options.p12Path), options.p12Password ?? '', options.p12Path);
    // Documents sealed before the operator's key was configured still verify as ours.
    const ownCa = await readOptional(join(keysDir, FILES.caCert));
    return {
      ...key,
      source: 'operator',
      trustedCertificates: [key.certificate, ...(ownCa ? [new X509Certificate(ownCa)] : [])],
    };
  }

  await ensureGeneratedKeys(keysDir, options);
  const key = await loadGeneratedKey(keysDir);
  const now = options.now ?? new Date();
  if (new Date(key.certificate.validTo).getTime() - now.getTime() < RENEW_BEFORE_MS) {
    await issueSealCertificate(keysDir, options);
    return loadGeneratedKey(keysDir);
  }
  return key;
}

async function ensureGeneratedKeys(keysDir: string, options: LoadSigningKeyOptions): Promise<void> {
  if (await exists(join(keysDir, FILES.p12))) return;
  if (!(await exists(keysDir))) return createKeysDirectory(options.dataDir, options);
  // The seal was lost but the CA is there: a new seal from the same CA keeps old documents verifiable.
  if (await exists(join(keysDir, FILES.caKey))) return issueSealCertificate(keysDir, options);
  throw new DocumentError(
    'SIGNING_KEY_UNUSABLE',
    `${keysDir} has neither ${FILES.p12} nor the CA key to issue one: restore it from a backup, or move it away to let Dojang make new keys`,
  );
}

async function loadGeneratedKey(keysDir: string): Promise<SigningKey> {
  const password = (await readFile(join(keysDir, FILES.password), 'utf8')).trim();
  const p12Path = join(keysDir, FILES.p12);
  const key = parseP12(await readFile(p12Path), password, p12Path);
  const ca = new X509Certificate(await readFile(join(keysDir, FILES.caCert)));
  return { ...key, source: 'generated', trustedCertificates: [ca] };
}

/** Made in a scratch directory and renamed into place, so a crash or a second process never leaves half a key. */
async function createKeysDirectory(dataDir: string, options: LoadSigningKeyOptions): Promise<void> {
  const now = options.now ?? new Date();
  const organization = options.organization ?? 'Dojang';
  const scratch = join(dataDir, `keys.tmp-${randomBytes(6).toString('hex')}`);
  await mkdir(scratch, { recursive: true, mode: 0o700 });
  try {
    // Key generation dominates (about a second each at 3072 bits): both at once, on libuv threads.
    const bits = options.rsaBits ?? DEFAULT_RSA_BITS;
    const [caKey, sealKey] = await Promise.all([newRsaKey(bits), newRsaKey(bits)]);
    const ca = issueCertificate({
      subject: [
        { shortName: 'CN', value: `${organization} Root CA` },
        { shortName: 'O', value: organization },
      ],
      publicKey: caKey.publicKey,
      issuer: undefined,
      signingKey: caKey.privateKey,
      notBefore: now,
      years: CA_YEARS,
      isCa: true,
    });
    const password = randomBytes(32).toString('base64url');
    await writePrivate(join(scratch, FILES.caKey), forge.pki.privateKeyToPem(caKey.privateKey));
    await writeFile(join(scratch, FILES.caCert), forge.pki.certificateToPem(ca));
    await writePrivate(join(scratch, FILES.password), `${password}\n`);
    await writeSealP12(scratch, { ca, caKey: caKey.privateKey, sealKey, password, organization, now });
    await rename(scratch, join(dataDir, 'keys'));
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    // Another process made the keys first: theirs are as good as ours.
    if (isCode(error, 'ENOTEMPTY') || isCode(error, 'EEXIST')) return;
    throw error;
  }
}

/** A new seal key and certificate from our CA (renewal, or a lost seal.p12); documents sealed before still verify. */
async function issueSealCertificate(keysDir: string, options: LoadSigningKeyOptions): Promise<void> {
  const caKeyPem = await readOptional(join(keysDir, FILES.caKey));
  if (caKeyPem === undefined) return; // The CA key was taken offline on purpose; keep sealing with what there is.
  const ca = forge.pki.certificateFromPem(await readFile(join(keysDir, FILES.caCert), 'utf8'));
  await writeSealP12(keysDir, {
    sealKey: await newRsaKey(options.rsaBits ?? DEFAULT_RSA_BITS),
    ca,
    caKey: forge.pki.privateKeyFromPem(caKeyPem.toString()),
    password: await readOrCreatePassword(keysDir),
    organization: organizationOf(ca) ?? options.organization ?? 'Dojang',
    now: options.now ?? new Date(),
  });
}

async function readOrCreatePassword(keysDir: string): Promise<string> {
  const path = join(keysDir, FILES.password);
  const existing = await readOptional(path);
  if (existing !== undefined) return existing.toString('utf8').trim();
  const password = randomBytes(32).toString('base64url');
  await writePrivate(path, `${password}\n`);
  return password;
}

/** The O of a certificate made here; forge leaves UTF8String values as UTF-8 bytes. */
function organizationOf(cert: forge.pki.Certificate): string | undefined {
  const field = cert.subject.getField('O') as { value: string; valueTagClass?: number } | null;
  if (!field) return undefined;
  return field.valueTagClass === forge.asn1.Type.UTF8 ? forge.util.decodeUtf8(field.value) : field.value;
}

async function writeSealP12(
  dir: string,
  input: {
    ca: forge.pki.Certificate;
    caKey: forge.pki.rsa.PrivateKey;
    sealKey: RsaKeyPair;
    password: string;
    organization: string;
    now: Date;
  },
): Promise<void> {
  const { sealKey } = input;
  const seal = issueCertificate({
    subject: [
      { shortName: 'CN', value: `${input.organization} Document Seal` },
      { shortName: 'O', value: input.organization },
    ],
    publicKey: sealKey.publicKey,
    issuer: input.ca,
    signingKey: input.caKey,
    notBefore: input.now,
    years: SEAL_YEARS,
    isCa: false,
  });
  const p12 = forge.pkcs12.toPkcs12Asn1(sealKey.privateKey, [seal, input.ca], input.password, {
    algorithm: 'aes256',
    friendlyName: 'Dojang document seal',
  });
  const scratch = join(dir, `${FILES.p12}.tmp-${randomBytes(6).toString('hex')}`);
  await writePrivate(scratch, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
  await rename(scratch, join(dir, FILES.p12));
}

interface CertificateRequest {
  subject: { shortName: string; value: string }[];
  publicKey: forge.pki.rsa.PublicKey;
  /** Undefined for a self-signed root. */
  issuer: forge.pki.Certificate | undefined;
  signingKey: forge.pki.rsa.PrivateKey;
  notBefore: Date;
  years: number;
  isCa: boolean;
}

function issueCertificate(request: CertificateRequest): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = request.publicKey;
  cert.serialNumber = randomSerialNumber();
  // A minute of slack for clocks that disagree with ours.
  cert.validity.notBefore = new Date(request.notBefore.getTime() - 60_000);
  cert.validity.notAfter = new Date(request.notBefore);
  cert.validity.notAfter.setUTCFullYear(cert.validity.notAfter.getUTCFullYear() + request.years);
  // UTF8String: forge encodes the JS string itself. A Korean name in the default PrintableString
  // is what corrupts the certificate (and then the PKCS#12 MAC), as DEPENDENCIES.md warns.
  // (@types/node-forge types valueTagClass as a tag class; forge reads it as the tag type.)
  const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
  const subject = request.subject.map((a) => ({ ...a, valueTagClass: utf8 }));
  cert.setSubject(subject);
  cert.setIssuer(request.issuer ? request.issuer.subject.attributes : subject);
  const extensions: object[] = [
    { name: 'basicConstraints', cA: request.isCa, critical: true },
    request.isCa
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ];
  if (request.issuer) {
    extensions.push({ name: 'authorityKeyIdentifier', keyIdentifier: request.issuer.generateSubjectKeyIdentifier().getBytes() });
  }
  cert.setExtensions(extensions);
  cert.sign(request.signingKey, forge.md.sha256.create());
  return cert;
}

function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // positive INTEGER
  return bytes.toString('hex');
}

/** RSA key generation is native (milliseconds); forge's pure-JS one takes seconds at 3072 bits. */
interface RsaKeyPair {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
}

async function newRsaKey(bits: number): Promise<RsaKeyPair> {
  const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: bits });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

type ParsedP12 = Pick<SigningKey, 'privateKey' | 'certificate' | 'chain'>;

/**
 * The key and the certificate that matches it; the other certificates are the chain. forge opens
 * the file; the key and certificates are read by Node, so an EC key (P-256, P-384) works as well
 * as RSA: forge hands over as ASN.1 what it cannot read itself.
 */
function parseP12(bytes: Uint8Array, password: string, where: string): ParsedP12 {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(bytes).toString('binary')), false, password);
  } catch (error) {
    throw new DocumentError('SIGNING_KEY_UNUSABLE', `${where}: cannot open the PKCS#12 file (wrong password or not PKCS#12)`, { cause: error });
  }
  const keyBag = [...bagsOf(p12, OID.pkcs8ShroudedKeyBag), ...bagsOf(p12, OID.keyBag)][0];
  let privateKey: KeyObject;
  try {
    if (keyBag?.key) privateKey = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key as forge.pki.rsa.PrivateKey));
    else if (keyBag?.asn1) privateKey = createPrivateKey({ key: derOf(keyBag.asn1), format: 'der', type: 'pkcs8' });
    else throw new Error('no key bag');
  } catch (error) {
    throw new DocumentError('SIGNING_KEY_UNUSABLE', `${where}: no private key Dojang can use in the PKCS#12 file (RSA or EC)`, { cause: error });
  }
  const certificates = bagsOf(p12, OID.certBag)
    .flatMap((bag) => (bag.cert ? [derOf(forge.pki.certificateToAsn1(bag.cert))] : bag.asn1 ? [derOf(bag.asn1)] : []))
    .map((der) => new X509Certificate(der));
  const publicDer = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });
  const ownPublicKey = publicDer(createPublicKey(privateKey));
  const certificate = certificates.find((cert) => publicDer(cert.publicKey).equals(ownPublicKey));
  if (!certificate) {
    throw new DocumentError('SIGNING_KEY_UNUSABLE', `${where}: no certificate in the PKCS#12 file matches its private key`);
  }
  return { privateKey, certificate, chain: certificates.filter((cert) => cert !== certificate) };
}

/** DER of a forge ASN.1 value; forge keeps a parsed certificate's original TBSCertificate, so a certificate's DER is the original. */
function derOf(value: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(value).getBytes(), 'binary');
}

const OID = {
  certBag: '1.2.840.113549.1.12.10.1.3',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
} as const;

function bagsOf(p12: forge.pkcs12.Pkcs12Pfx, bagType: string): forge.pkcs12.Bag[] {
  return p12.getBags({ bagType })[bagType] ?? [];
}

async function writePrivate(path: string, data: string | Uint8Array): Promise<void> {
  await writeFile(path, data, { mode: 0o600 });
  await chmod(path, 0o600); // in case the file already existed with a wider mode
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isCode(error, 'ENOENT')) return false;
    throw error;
  }
}

async function readOptional(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
