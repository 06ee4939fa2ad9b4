// 5005Q 비대면 계약 시작: POST /api/:companyId/startsimple
import { BODY_LIMIT } from '../body-limits.ts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { origin } from '../auth.ts';
import { startWorkflow } from '../../workflows/start-workflow.ts';
import { callerFrom } from './guard.ts';
import { envelope } from './envelope.ts';
import { SAID } from './messages.ts';
import { CompanyParams, Envelope, ResponseEnvelope, Scalar } from './schemas.ts';

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
    workflow_name: Scalar('the contract\'s name'),
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

export function startsimpleRoute(app: FastifyInstance, ctx: Context): void {
  app.post(
    '/api/:companyId/startsimple',
    {
      bodyLimit: BODY_LIMIT.images,
      schema: {
        summary: 'Start a non-face-to-face contract (5005Q)',
        tags: ['eSignon'],
        params: CompanyParams,
        body: Envelope('5005Q', StartBodySchema),
        response: { 200: ResponseEnvelope(StartResponseBody) },
      },
      config: { esignonCode: '5005A' },
    },
    async (request) => {
      const caller = callerFrom(request);
      const result = await startWorkflow(ctx, caller, (request.body as { body: Record<string, unknown> }).body, origin(request));
      if (result.kind === 'preview') {
        return envelope(request, '5005A', '00', SAID.preview, { preview_url: result.previewUrl });
      }
      return envelope(request, '5005A', '00', SAID.started, {
        comp_id: caller.companyId,
        biz_id: '0',
        memb_email: result.starterEmail,
        workflow_id: String(result.workflowId),
        workflow_name: result.workflowName,
        token: result.token,
        lang: result.language,
        ...(result.embed
          ? { play_url: result.playUrl, next_play_user: result.firstPlayer.identity, next_play_user_name: result.firstPlayer.name }
          : {}),
      });
    },
  );
}
