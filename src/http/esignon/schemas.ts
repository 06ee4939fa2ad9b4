// Schemas of the eSignon envelope. Liberal like the clients that speak it: ids as numbers or
// strings (Fastify's Ajv coerces scalars), unknown keys ignored; the services check meaning.
import { Type, type TSchema } from 'typebox';

export const Header = (requestCode?: string) =>
  Type.Object(
    {
      request_code: Type.Optional(
        Type.String({ description: requestCode ? `"${requestCode}"` : 'the request code, e.g. 5005Q', ...(requestCode ? { examples: [requestCode] } : {}) }),
      ),
      version: Type.Optional(Type.String({ examples: ['9.9.99'] })),
      session_id: Type.Optional(Type.String()),
      api_name: Type.Optional(Type.String()),
      request_msg: Type.Optional(Type.String()),
      request_lang: Type.Optional(Type.String()),
    },
    { additionalProperties: true },
  );

export const Envelope = <B extends TSchema>(requestCode: string, body: B) => Type.Object({ header: Header(requestCode), body }, { additionalProperties: true });

export const ResponseHeader = Type.Object({
  response_code: Type.String(),
  result_code: Type.String({
    description:
      '"00" success; "-1" validation; "10" failure / not found; "12" unparseable body; "19"/"20" bad or past expireddate; "99" required fields missing',
  }),
  result_msg: Type.String(),
  session_id: Type.String(),
  version: Type.String(),
});

export const ResponseEnvelope = <B extends TSchema>(body: B) => Type.Object({ header: ResponseHeader, body }, { additionalProperties: true });

export const CompanyParams = Type.Object({ companyId: Type.String() });
