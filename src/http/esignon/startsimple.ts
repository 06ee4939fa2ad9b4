// 5005Q 비대면 계약 시작: POST /api/:companyId/startsimple
import { BODY_LIMIT } from '../body-limits.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { startWorkflow } from '../../workflows/start-workflow.ts';
import { origin } from '../shared/request-origin.ts';
import { StartBodySchema } from '../shared/start-body.ts';
import { callerFrom } from '../shared/token-caller.ts';
import { envelope } from './envelope.ts';
import { said } from '../../domain/said.ts';
import { CompanyParams, Envelope, ResponseEnvelope } from './schemas.ts';

// The typed client (src/client) reads the start body's type from here, with the answer's.

const Optional = Type.Optional;
const Open = { additionalProperties: true } as const;

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

export function startsimpleRoute(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
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
      const result = await startWorkflow(ctx, caller, request.body.body, origin(request));
      if (result.kind === 'preview') {
        return envelope(request, '5005A', '00', said('previewReady'), { preview_url: result.previewUrl });
      }
      return envelope(request, '5005A', '00', said('workflowStarted'), {
        comp_id: caller.companyId,
        biz_id: '0',
        memb_email: result.starterEmail,
        workflow_id: String(result.workflowId),
        workflow_name: result.workflowName,
        token: result.token,
        lang: result.language,
        ...(result.embed ? { play_url: result.playUrl, next_play_user: result.firstPlayer.identity, next_play_user_name: result.firstPlayer.name } : {}),
      });
    },
  );
}
