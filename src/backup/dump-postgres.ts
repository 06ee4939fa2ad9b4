// PostgreSQL's half of a backup: pg_dump's custom format, a consistent snapshot of the whole
// database taken in one transaction while Dojang keeps running. Dojang has no copy of pg_dump
// of its own: it uses the one installed on the machine, or says how to take one by hand.
import { spawn } from 'node:child_process';
import { BackupError } from './backup-error.ts';

/** `pg_dump --version` (e.g. "pg_dump (PostgreSQL) 16.4"), or null when there is no such program. */
export function pgDumpVersion(command: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? resolve(null) : reject(error)));
    child.on('close', (code) => resolve(code === 0 ? out.trim() : null));
  });
}

/** The URL with its password taken out (passed to pg_dump in PGPASSWORD, never on a command line others can see). */
function splitPassword(url: string): { url: string; password: string | null } {
  const parsed = new URL(url);
  const password = parsed.password === '' ? null : decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), password };
}

/** The URL as it may be shown: without its password. */
export function shownUrl(url: string): string {
  return splitPassword(url).url;
}

export function dumpPostgres(command: string, url: string, dest: string): Promise<void> {
  const { url: withoutPassword, password } = splitPassword(url);
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['--format=custom', `--file=${dest}`, `--dbname=${withoutPassword}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...(password !== null ? { PGPASSWORD: password } : {}) },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new BackupError(
            'pg-dump-failed',
            `pg_dump failed (exit ${code}): ${stderr.trim() || 'no message'}${/version mismatch/i.test(stderr) ? '\nUse a pg_dump at least as new as the server: --pg-dump /usr/lib/postgresql/<version>/bin/pg_dump' : ''}`,
          ),
        );
    });
  });
}

/** What an operator without pg_dump on this machine runs elsewhere, at the same time as the backup. */
export function pgDumpByHand(url: string, archive: string): string {
  return `pg_dump --format=custom --file=${archive}.pgdump '${shownUrl(url)}'`;
}
