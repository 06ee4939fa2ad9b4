// The body that starts a contract: eSignon's 5005Q (startsimple, inside its envelope) and the
// console's start, which goes through the same service and so the same rules. Liberal like the
// clients that send it: ids as numbers or strings, unknown keys ignored; the service checks meaning.
import { type Static, Type } from 'typebox';
import type { Caller } from '../../accounts/access-tokens.ts';
import type { StartResult } from '../../workflows/start-workflow.ts';
import { Scalar } from './schema-builders.ts';

const Optional = Type.Optional;
const Open = { additionalProperties: true } as const;

export const PlayerSchema = Type.Object(
  {
    field_owner: Optional(Scalar('the step this player signs, "1".."N"')),
    email: Scalar('an email address or a Korean mobile number'),
    name: Scalar(),
    mobile_number: Optional(Scalar('a mobile number for verification by one-time code')),
    password: Optional(Scalar('4-15 characters the signer must enter first')),
    password_hint: Optional(Scalar()),
    language: Optional(Scalar('ko-KR, en-US or ja-JP')),
  },
  Open,
);

export const FieldEntrySchema = Type.Object({ field_name: Scalar(), field_value: Optional(Type.Union([Type.String(), Type.Null()])) }, Open);

export const ExportInfoSchema = Type.Object(
  {
    api_type: Scalar('ALL or StartAndEnd'),
    url: Scalar('where exports are POSTed'),
    link_type: Optional(Type.Union([Type.String(), Type.Null()], { description: 'embed only: "download" for direct PDF links; viewer pages by default' })),
    request_code: Optional(Scalar('any value of yours, or "embed"')),
    authorization: Optional(Scalar('sent as the Authorization header of every export')),
    clientid: Optional(Scalar()),
    request_params: Optional(
      Type.Array(
        Type.Object(
          {
            param_id: Scalar(),
            param_value: Scalar(),
            fields: Type.Array(Type.Union([Type.String(), Type.Object({ doc_id: Optional(Scalar()), field_name: Scalar() }, Open)])),
          },
          Open,
        ),
      ),
    ),
  },
  Open,
);

export const StartBodySchema = Type.Object(
  {
    workflow_name: Scalar("the contract's name"),
    doc_id: Scalar('the template id'),
    memb_email: Optional(Scalar('the starting member; the caller by default')),
    biz_id: Optional(Scalar()),
    comp_id: Optional(Scalar()),
    language: Optional(Scalar('ko-KR (default), en-US or ja-JP')),
    comment: Optional(Scalar('message to the signers, at most 250 characters')),
    expireddate: Optional(Scalar('YYYY-MM-DD, the last day to sign (company time)')),
    timezone_offset: Optional(Scalar('+09:00 by default')),
    preview: Optional(Scalar('"preview": answer a preview URL and start nothing')),
    player_list: Type.Array(PlayerSchema),
    field_list: Optional(Type.Array(FieldEntrySchema)),
    customer_list: Optional(Type.Array(Type.Object({ email: Scalar(), name: Scalar(), language: Optional(Scalar()) }, Open))),
    export_api_info: Optional(ExportInfoSchema),
  },
  Open,
);

/** What a start answers (startsimple's body; POST /api/v1/contracts adds the template it made). The typed client reads it too. */
export const StartResponseBody = Type.Object(
  {
    comp_id: Optional(Type.String()),
    biz_id: Optional(Type.String()),
    memb_email: Optional(Type.String()),
    workflow_id: Optional(Type.String()),
    workflow_name: Optional(Type.String()),
    token: Optional(Type.String()),
    lang: Optional(Type.String()),
    play_url: Optional(Type.String({ description: 'embed mode: the step-1 signing page' })),
    next_play_user: Optional(Type.String()),
    next_play_user_name: Optional(Type.String()),
    preview_url: Optional(Type.String()),
  },
  Open,
);

/** A started contract as a start answers it: startsimple's body (the signing URL and first signer only in embed mode). */
export function startAnswer(caller: Caller, result: Extract<StartResult, { kind: 'started' }>): Static<typeof StartResponseBody> {
  return {
    comp_id: caller.companyId,
    biz_id: '0',
    memb_email: result.starterEmail,
    workflow_id: String(result.workflowId),
    workflow_name: result.workflowName,
    token: result.token,
    lang: result.language,
    ...(result.embed ? { play_url: result.playUrl, next_play_user: result.firstPlayer.identity, next_play_user_name: result.firstPlayer.name } : {}),
  };
}
