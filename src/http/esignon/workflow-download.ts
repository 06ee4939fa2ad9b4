// POST /workflow/download (다운로드 URL 생성): direct download URLs of a completed workflow's PDF
// and history certificate, valid five minutes. Answers the keys of both pages that describe it:
// cert_url, doc_url, workflow_name (the newer) and result_url, wfname (the older).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { formatInOffset } from '../../domain/time.ts';
import type { Context } from '../../context.ts';
import { documentDownloadUrls, DOWNLOAD_URL_MINUTES } from '../../workflows/document-download-urls.ts';
import { envelope } from './envelope.ts';
import { said } from '../../domain/said.ts';
import { callerFrom } from '../shared/token-caller.ts';
import { PlainWorkflowBody, plainBody, workflowIdIn } from './plain-body.ts';
import { ResponseEnvelope } from './schemas.ts';

const CODE = '/workflow/download';

export const DownloadBody = Type.Object({
  cert_url: Type.Optional(Type.String({ description: 'the history certificate (PDF download)' })),
  doc_url: Type.Optional(Type.String({ description: 'the completed PDF (download)' })),
  workflow_name: Type.Optional(Type.String()),
  result_url: Type.Optional(Type.String({ description: 'the completed PDF, as the older page names it' })),
  wfname: Type.Optional(Type.String({ description: "the workflow's name, as the older page names it" })),
  expire_date: Type.Optional(
    Type.String({ description: "Dojang: when the URLs stop working, YYYY-MM-DD HH:mm:ss in the company's offset like every other date" }),
  ),
});

export function workflowDownloadRoute(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    CODE,
    {
      schema: {
        summary: `Download URLs of a completed workflow's PDF and history certificate, valid ${DOWNLOAD_URL_MINUTES} minutes`,
        tags: ['eSignon'],
        body: PlainWorkflowBody,
        response: { 200: ResponseEnvelope(DownloadBody) },
      },
      config: { esignonCode: CODE },
    },
    async (request) => {
      const caller = callerFrom(request);
      const urls = await documentDownloadUrls(ctx, caller.companyId, workflowIdIn(plainBody(request.body, caller)));
      const company = await ctx.db.selectFrom('companies').select('utc_offset').where('id', '=', caller.companyId).executeTakeFirstOrThrow();
      return envelope(request, CODE, '00', said('esignonSuccess'), {
        cert_url: urls.certificateUrl,
        doc_url: urls.documentUrl,
        workflow_name: urls.workflowName,
        result_url: urls.documentUrl,
        wfname: urls.workflowName,
        expire_date: formatInOffset(urls.expiresAt, company.utc_offset),
      });
    },
  );
}
