// Refusals several workflow services share, in each language.
import { localized } from '../domain/localized.ts';
import { DojangError } from '../errors.ts';

export const noSuchWorkflow = (id: number | string) =>
  new DojangError('not-found', localized(`문서를 찾을 수 없습니다 (문서 ID ${id})`, `no workflow ${id}`, `文書が見つかりません（文書ID ${id}）`));
