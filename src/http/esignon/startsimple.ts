// 5005Q 비대면 계약 시작: POST /api/:companyId/startsimple
import { BODY_LIMIT } from '../body-limits.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.ts';
import { startWorkflow } from '../../workflows/start-workflow.ts';
import { origin } from '../shared/request-origin.ts';
import { StartBodySchema, startAnswer, StartResponseBody } from '../shared/start-body.ts';
import { callerFrom } from '../shared/token-caller.ts';
import { envelope } from './envelope.ts';
import { said } from '../../domain/said.ts';
import { CompanyParams, Envelope, ResponseEnvelope } from './schemas.ts';

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
      return envelope(request, '5005A', '00', said('workflowStarted'), startAnswer(caller, result));
    },
  );
}
