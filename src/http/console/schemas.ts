// Schemas shared by the console's routes (tag "Console" in the OpenAPI document).
import { Type } from 'typebox';
import { ID_PATTERN } from '../../domain/ids.ts';

export const TAGS = ['Console'];
/** The console's routes authenticate with the session cookie, not an access token. */
export const SECURITY = [{ consoleSession: [] }];

export { Nullable } from '../shared/schema-builders.ts';

export const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    key: Type.Optional(Type.String({ description: "the message's key (domain/messages/), the same in every language" })),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String(), key: Type.String() }))),
  },
  {
    additionalProperties: true,
    description: 'application/problem+json; `errors` names each bad field; `detail` and each `message` are in the language of ?lang= or Accept-Language',
  },
);

export const problems = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, Problem]));

export const Accepted = Type.Object({ ok: Type.Literal(true) });
