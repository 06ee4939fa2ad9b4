// The archive's passphrase: from a file (`--passphrase-file`, so it stays out of the shell's
// history and the process list) or from DOJANG_BACKUP_PASSPHRASE; the file wins when both are set.
import fs from 'node:fs/promises';
import { BackupError, isMissing } from './backup-error.ts';

export async function readPassphrase(file: string | undefined, env: Record<string, string | undefined> = process.env): Promise<string | null> {
  if (file === undefined) {
    const value = env.DOJANG_BACKUP_PASSPHRASE;
    return value === undefined || value === '' ? null : value;
  }
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) throw new BackupError('missing-file', `no such passphrase file: ${file}`);
    throw error;
  }
  // The line break an editor or `echo` leaves at the end is not part of the passphrase.
  const passphrase = text.replace(/\r?\n$/, '');
  if (passphrase === '') throw new BackupError('invalid', `${file} is empty: a passphrase is needed`);
  return passphrase;
}
