// Refusals several workflow services share, in each language.
import { said } from '../domain/said.ts';
import { DojangError } from '../errors.ts';

export const noSuchWorkflow = (id: number | string) => new DojangError('not-found', said('noWorkflow', { id }));
