// The environment, parsed and validated once. A bad value stops the start with a message
// naming the variable; docs/configuration.md lists every one.
import os from 'node:os';
import path from 'node:path';
import { parseNotifyConfig, type NotifyConfig } from './notify/notify-config.ts';
import { type CompanyId, toCompanyId } from './domain/ids.ts';
import { DEFAULT_PDF_LIMITS, MB, type PdfLimits } from './pdf/pdf-limits.ts';

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  database: DatabaseConfig;
  dataDir: string;
  logLevel: string;
  production: boolean;
  /** Files (template PDFs, completed documents) on local disk or in the database. */
  fileStore: 'disk' | 'database';
  bootstrap?: { company: CompanyId; email: string; password: string; companyName?: string };
  /** Create the demo company and template when the database is empty. */
  demo: boolean;
  signLinkTtlDays: number;
  documentLinkTtlDays: number;
  /** Days a finished export event's payload and responses, and a finished message's content, are kept (jobs/retention.ts). */
  retentionDays: number;
  exports: {
    allowNetworks: string;
    retrySchedule: string | undefined;
    timeoutMs: number;
    concurrency: number;
    perHostConcurrency: number;
  };
  signing: {
    p12Path?: string;
    p12Password?: string;
    rsaBits: number;
    /** An RFC 3161 timestamp authority to stamp every seal. */
    tsaUrl?: string;
    /** PEM certificates a timestamp authority's must be, or be issued under (DOJANG_TSA_CA). */
    tsaCaPath?: string;
  };
  /** Worker poll interval when idle; a local commit wakes the worker at once. */
  workerPollMs: number;
  /** Run the background workers in this process. */
  workers: boolean;
  /** SMTP and SOLAPI (KakaoTalk AlimTalk, SMS); unset channels go to the development log. */
  notify: NotifyConfig;
  /** DOJANG_NOTIFY_RETRY_SCHEDULE: seconds before each try of a message. */
  notifyRetrySchedule: string | undefined;
  /** Believe X-Forwarded-For from a proxy in front (for signers' IP addresses in the history). */
  trustProxy: boolean;
  /** CSP frame-ancestors of the signing and viewer pages: who may embed them in an iframe. */
  frameAncestors: string;
  /** Origins allowed to call the token APIs from a browser (DOJANG_CORS_ORIGINS); null: none. */
  corsOrigins: string[] | '*' | null;
  /** The PDF worker pool and the bounds every PDF is read within (pdf/pdf-limits.ts). */
  pdf: { limits: PdfLimits; threads: number; timeoutMs: number; memoryMb: number; idleMs: number };
  /** Console sign-in through an OpenID provider (DOJANG_OIDC_*); null: passwords only. */
  oidc: OidcConfig | null;
  /** Whether the console takes passwords (DOJANG_CONSOLE_PASSWORD_LOGIN); 1001Q always does. */
  consolePasswordLogin: boolean;
}

export interface OidcConfig {
  issuer: URL;
  clientId: string;
  /** Absent: a public client, with PKCE only. */
  clientSecret?: string;
  /** The company every sign-in through this provider enters. */
  company: CompanyId;
  /** Email domains whose people become members (role member) at their first sign-in; empty: only existing members sign in. */
  allowedDomains: string[];
  /** What the console's button says, e.g. the provider's name. */
  label: string;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function parsePublicUrl(raw: string): string {
  return httpUrl('PUBLIC_URL', raw).toString().replace(/\/+$/, '');
}

function httpUrl(name: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `not a URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, 'must start with http:// or https://');
  }
  return url;
}

function parseDatabase(raw: string | undefined, dataDir: string): DatabaseConfig {
  if (raw === undefined) return { kind: 'sqlite', file: path.join(dataDir, 'dojang.db') };
  if (raw.startsWith('postgres://') || raw.startsWith('postgresql://')) return { kind: 'postgres', url: raw };
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/dojang.db');
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  throw new ConfigError('DATABASE_URL', `must be sqlite:<path> or postgres://…, got "${raw}"`);
}

function parseBootstrap(env: Env): Config['bootstrap'] {
  const company = text(env, 'DOJANG_BOOTSTRAP_COMPANY');
  const email = text(env, 'DOJANG_BOOTSTRAP_EMAIL');
  const password = text(env, 'DOJANG_BOOTSTRAP_PASSWORD');
  if (company === undefined && email === undefined && password === undefined) return undefined;
  if (company === undefined) throw new ConfigError('DOJANG_BOOTSTRAP_COMPANY', 'is required with the other DOJANG_BOOTSTRAP_ variables');
  if (email === undefined) throw new ConfigError('DOJANG_BOOTSTRAP_EMAIL', 'is required with DOJANG_BOOTSTRAP_COMPANY');
  if (password === undefined) throw new ConfigError('DOJANG_BOOTSTRAP_PASSWORD', 'is required with DOJANG_BOOTSTRAP_COMPANY');
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/.test(company)) {
    throw new ConfigError('DOJANG_BOOTSTRAP_COMPANY', 'a company id is 2-64 letters, digits, "-" or "_"');
  }
  if (password.length < 8) throw new ConfigError('DOJANG_BOOTSTRAP_PASSWORD', 'must be at least 8 characters');
  const companyName = text(env, 'DOJANG_BOOTSTRAP_COMPANY_NAME');
  return { company: toCompanyId(company), email, password, ...(companyName ? { companyName } : {}) };
}

/** `*`, `'self'`, `'none'`, or scheme/host sources like `https://*.example.com:8443`, space-separated. */
function parseFrameAncestors(raw: string | undefined): string {
  if (raw === undefined) return '*';
  const sources = raw.split(/[\s,]+/).filter((s) => s !== '');
  if (sources.length === 0) return '*';
  const source = /^(\*|'self'|'none'|[a-z][a-z0-9+.-]*:|([a-z][a-z0-9+.-]*:\/\/)?(\*\.)?[a-z0-9.-]+(:(\d{1,5}|\*))?(\/[^\s;,'"]*)?)$/i;
  const bad = sources.find((s) => !source.test(s));
  if (bad !== undefined)
    throw new ConfigError(
      'DOJANG_FRAME_ANCESTORS',
      `"${bad}" is not a CSP source; use *, 'self', 'none' or origins like https://app.example.com, space-separated`,
    );
  if (sources.includes("'none'") && sources.length > 1) throw new ConfigError('DOJANG_FRAME_ANCESTORS', "'none' cannot be combined with other sources");
  return sources.join(' ');
}

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = text(env, 'HOST') ?? '0.0.0.0';
  const dataDir = path.resolve(text(env, 'DATA_DIR') ?? './data');
  const database = parseDatabase(text(env, 'DATABASE_URL'), dataDir);
  const production = text(env, 'NODE_ENV') === 'production';
  const fileStoreRaw = text(env, 'DOJANG_FILE_STORE') ?? (database.kind === 'postgres' ? 'database' : 'disk');
  if (fileStoreRaw !== 'disk' && fileStoreRaw !== 'database') {
    throw new ConfigError('DOJANG_FILE_STORE', `must be disk or database, got "${fileStoreRaw}"`);
  }
  const logLevel = text(env, 'LOG_LEVEL') ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of fatal, error, warn, info, debug, trace, silent; got "${logLevel}"`);
  }
  const bootstrap = parseBootstrap(env);
  const p12Path = text(env, 'DOJANG_SIGNING_P12');
  const p12Password = text(env, 'DOJANG_SIGNING_P12_PASSWORD');
  const tsaUrl = text(env, 'DOJANG_TSA_URL');
  const tsaCaPath = text(env, 'DOJANG_TSA_CA');
  return {
    port,
    host,
    publicUrl: parsePublicUrl(text(env, 'PUBLIC_URL') ?? `http://localhost:${port}`),
    database,
    dataDir,
    logLevel,
    production,
    fileStore: fileStoreRaw,
    ...(bootstrap ? { bootstrap } : {}),
    demo: flag(env, 'DOJANG_DEMO', !production && bootstrap === undefined),
    signLinkTtlDays: integer(env, 'DOJANG_SIGN_LINK_TTL_DAYS', 30, 1, 3650),
    documentLinkTtlDays: integer(env, 'DOJANG_DOCUMENT_LINK_TTL_DAYS', 30, 1, 3650),
    retentionDays: integer(env, 'DOJANG_RETENTION_DAYS', 90, 1, 3650),
    exports: {
      allowNetworks: text(env, 'DOJANG_EXPORT_ALLOW_NETWORKS') ?? '',
      retrySchedule: text(env, 'DOJANG_EXPORT_RETRY_SCHEDULE'),
      timeoutMs: integer(env, 'DOJANG_EXPORT_TIMEOUT_MS', 15_000, 100, 300_000),
      concurrency: integer(env, 'DOJANG_EXPORT_CONCURRENCY', 32, 1, 1024),
      perHostConcurrency: integer(env, 'DOJANG_EXPORT_HOST_CONCURRENCY', 8, 1, 1024),
    },
    signing: {
      ...(p12Path ? { p12Path: path.resolve(p12Path) } : {}),
      ...(p12Password ? { p12Password } : {}),
      rsaBits: integer(env, 'DOJANG_SIGNING_RSA_BITS', 3072, 2048, 4096),
      ...(tsaUrl ? { tsaUrl: httpUrl('DOJANG_TSA_URL', tsaUrl).toString() } : {}),
      ...(tsaCaPath ? { tsaCaPath: path.resolve(tsaCaPath) } : {}),
    },
    workerPollMs: integer(env, 'DOJANG_WORKER_POLL_MS', 500, 10, 60_000),
    workers: flag(env, 'DOJANG_WORKERS', true),
    trustProxy: flag(env, 'TRUST_PROXY', false),
    notify: parseNotifyConfig(env),
    notifyRetrySchedule: text(env, 'DOJANG_NOTIFY_RETRY_SCHEDULE'),
    frameAncestors: parseFrameAncestors(text(env, 'DOJANG_FRAME_ANCESTORS')),
    pdf: parsePdf(env),
    corsOrigins: parseCorsOrigins(text(env, 'DOJANG_CORS_ORIGINS')),
    ...consoleSignIn(env),
  };
}

/** DOJANG_OIDC_* (all of issuer, client id and company, or none) and DOJANG_CONSOLE_PASSWORD_LOGIN. */
function consoleSignIn(env: Env): { oidc: OidcConfig | null; consolePasswordLogin: boolean } {
  const issuer = text(env, 'DOJANG_OIDC_ISSUER');
  const clientId = text(env, 'DOJANG_OIDC_CLIENT_ID');
  const company = text(env, 'DOJANG_OIDC_COMPANY');
  const clientSecret = text(env, 'DOJANG_OIDC_CLIENT_SECRET');
  const consolePasswordLogin = flag(env, 'DOJANG_CONSOLE_PASSWORD_LOGIN', true);
  const given = { DOJANG_OIDC_ISSUER: issuer, DOJANG_OIDC_CLIENT_ID: clientId, DOJANG_OIDC_COMPANY: company };
  const missing = Object.entries(given)
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  if (missing.length === 3) {
    if (clientSecret !== undefined)
      throw new ConfigError('DOJANG_OIDC_CLIENT_SECRET', 'is set without DOJANG_OIDC_ISSUER, DOJANG_OIDC_CLIENT_ID and DOJANG_OIDC_COMPANY');
    if (!consolePasswordLogin)
      throw new ConfigError(
        'DOJANG_CONSOLE_PASSWORD_LOGIN',
        'can be false only with an OpenID provider (DOJANG_OIDC_ISSUER, …): nobody could log in to the console',
      );
    return { oidc: null, consolePasswordLogin };
  }
  if (missing.length > 0)
    throw new ConfigError(
      missing[0]!,
      `is needed with ${Object.keys(given)
        .filter((name) => !missing.includes(name))
        .join(' and ')}`,
    );
  const issuerUrl = httpUrl('DOJANG_OIDC_ISSUER', issuer!);
  // The provider's answers carry the identity: plain http only to the same machine (a provider in a test, a tunnel).
  if (issuerUrl.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(issuerUrl.hostname)) {
    throw new ConfigError('DOJANG_OIDC_ISSUER', 'must be https:// (plain http only for localhost)');
  }
  const allowedDomains = (text(env, 'DOJANG_OIDC_ALLOWED_DOMAINS') ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((domain) => domain.toLowerCase().replace(/^@/, ''));
  return {
    oidc: {
      issuer: issuerUrl,
      clientId: clientId!,
      ...(clientSecret ? { clientSecret } : {}),
      company: toCompanyId(company!),
      allowedDomains,
      label: text(env, 'DOJANG_OIDC_LABEL') ?? 'SSO',
    },
    consolePasswordLogin,
  };
}

/** `*`, or origins (scheme://host[:port]) separated by commas or spaces. */
function parseCorsOrigins(raw: string | undefined): string[] | '*' | null {
  if (raw === undefined) return null;
  const entries = raw.split(/[\s,]+/).filter((entry) => entry !== '');
  if (entries.length === 0) return null;
  if (entries.includes('*')) {
    if (entries.length > 1) throw new ConfigError('DOJANG_CORS_ORIGINS', '"*" allows every origin: give it alone, or list origins');
    return '*';
  }
  return entries.map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new ConfigError('DOJANG_CORS_ORIGINS', `"${entry}" is not an origin like https://app.example.com`);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== entry.replace(/\/$/, '')) {
      throw new ConfigError('DOJANG_CORS_ORIGINS', `"${entry}" is not an origin like https://app.example.com (scheme, host and port only)`);
    }
    return url.origin;
  });
}

function parsePdf(env: Env): Config['pdf'] {
  const d = DEFAULT_PDF_LIMITS;
  return {
    limits: {
      maxFileBytes: d.maxFileBytes,
      maxInflatedBytes: integer(env, 'DOJANG_PDF_MAX_INFLATED_MB', d.maxInflatedBytes / MB, 1, 16_384) * MB,
      maxStreamBytes: integer(env, 'DOJANG_PDF_MAX_STREAM_MB', d.maxStreamBytes / MB, 1, 4096) * MB,
      maxObjects: integer(env, 'DOJANG_PDF_MAX_OBJECTS', d.maxObjects, 100, 10_000_000),
      maxDepth: integer(env, 'DOJANG_PDF_MAX_DEPTH', d.maxDepth, 8, 10_000),
      maxPages: integer(env, 'DOJANG_PDF_MAX_PAGES', d.maxPages, 1, 100_000),
    },
    threads: integer(env, 'DOJANG_PDF_THREADS', Math.max(1, os.availableParallelism() - 1), 1, 256),
    timeoutMs: integer(env, 'DOJANG_PDF_TIMEOUT_MS', 30_000, 100, 3_600_000),
    memoryMb: integer(env, 'DOJANG_PDF_MEMORY_MB', 512, 64, 65_536),
    idleMs: integer(env, 'DOJANG_PDF_IDLE_MS', 30_000, 0, 3_600_000),
  };
}
