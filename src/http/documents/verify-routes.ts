// Anyone holding a PDF can ask whether Dojang sealed it and whether it was altered: the JSON
// call POST /api/v1/verify, and the page at /verify that the history certificate's QR code opens.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import type { DocumentVerification } from '../../documents/verify-document.ts';
import { DojangError } from '../../errors.ts';
import { fieldProblem } from '../../domain/field-values.ts';
import { said } from '../../domain/said.ts';
import { escapeHtml } from '../../html/escape-html.ts';
import { htmlPage } from './html-page.ts';
import { BODY_LIMIT } from '../body-limits.ts';
import { rateLimited } from '../rate-limits.ts';
import { fieldAt } from '../shared/unvalidated-fields.ts';

const MAX_PDF_BYTES = 30 * 1024 * 1024;

/** The PDF from a raw application/pdf body, a multipart `pdf` file, or JSON `{pdf: base64}` (no schema: three shapes). */
async function pdfOf(request: FastifyRequest): Promise<Uint8Array> {
  if (request.isMultipart()) {
    for await (const part of request.parts()) {
      if (part.type === 'file') return part.toBuffer();
    }
    throw DojangError.invalid([fieldProblem('pdf', said('noFileInUpload'))]);
  }
  const body = request.body;
  if (Buffer.isBuffer(body)) return body;
  const base64 = fieldAt(body, 'pdf');
  if (typeof base64 === 'string') return Buffer.from(base64, 'base64');
  throw DojangError.invalid([fieldProblem('pdf', said('verifyNeedsPdf'))]);
}

const Answer = Type.Object({
  sealed: Type.Boolean(),
  intact: Type.Boolean(),
  problem: Type.Union([Type.String(), Type.Null()]),
  workflow_id: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Union([Type.String(), Type.Null()]),
  signed_at: Type.Union([Type.String(), Type.Null()]),
  timestamped_at: Type.Union([Type.String(), Type.Null()]),
  on_record: Type.Boolean(),
  company_id: Type.Union([Type.String(), Type.Null()]),
  workflow_name: Type.Union([Type.String(), Type.Null()]),
  sha256: Type.String(),
});

export function verifyApiRoute(app: FastifyInstance, _ctx: Context, verify: (pdf: Uint8Array) => Promise<DocumentVerification>): void {
  app.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: MAX_PDF_BYTES }, (_request, body, done) => done(null, body));
  app.post(
    '/api/v1/verify',
    {
      bodyLimit: BODY_LIMIT.pdf,
      schema: {
        summary: 'Is this PDF a document Dojang completed and sealed, for which workflow, and unaltered?',
        description: 'Send the PDF as an application/pdf body, as a multipart `pdf` file, or as JSON {"pdf": "<base64>"}. No token needed.',
        tags: ['Dojang'],
        security: [],
        response: { 200: Answer },
      },
      config: { anonymous: true, rateLimit: rateLimited('verify') },
    },
    async (request) => verify(await pdfOf(request)),
  );
}

export function verifyPageRoutes(app: FastifyInstance, _ctx: Context, verify: (pdf: Uint8Array) => Promise<DocumentVerification>): void {
  const form = `<form method="post" action="/verify" enctype="multipart/form-data">
  <p><label for="pdf">확인할 PDF (PDF to check)</label><br><input id="pdf" name="pdf" type="file" accept="application/pdf" required></p>
  <p><button class="button" type="submit">확인 (Verify)</button></p></form>`;
  app.get('/verify', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(
        htmlPage(
          '문서 진위 확인 (Verify a document)',
          `<p>Dojang이 완료하고 봉인한 문서인지, 변경되지 않았는지 확인합니다. (Checks that a PDF was completed and sealed by this Dojang server and has not been altered.)</p>${form}`,
        ),
      ),
  );
  app.post('/verify', { config: { rateLimit: rateLimited('verify') }, schema: { hide: true } }, async (request, reply) => {
    let result: DocumentVerification;
    try {
      result = await verify(await pdfOf(request));
    } catch (error) {
      if (!(error instanceof DojangError)) throw error;
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(htmlPage('문서 진위 확인', `<p class="bad">${escapeHtml(error.message)}</p>${form}`));
    }
    const verdict = result.intact
      ? `<p class="ok"><strong>✔ 봉인이 유효하고 변경되지 않았습니다.</strong> (The seal is valid and the file is unaltered.)</p>`
      : result.sealed
        ? `<p class="bad"><strong>✘ 봉인 후 변경된 문서입니다.</strong> (The file was altered after it was sealed: ${escapeHtml(result.problem ?? '')})</p>`
        : `<p class="bad"><strong>✘ 이 서버가 봉인한 문서가 아닙니다.</strong> (Not sealed by this server: ${escapeHtml(result.problem ?? '')})</p>`;
    const rows = [
      ['문서 번호 (Workflow)', result.workflow_id ?? '-'],
      ['종류 (Kind)', result.kind ?? '-'],
      ['봉인 시각 (Sealed at)', result.signed_at ?? '-'],
      ['타임스탬프 시각 (Timestamped at)', result.timestamped_at ?? '-'],
      ['등록된 파일 (On record)', result.on_record ? '예 (yes)' : '아니오 (no)'],
      ['SHA-256', result.sha256],
    ];
    return reply
      .type('text/html; charset=utf-8')
      .send(
        htmlPage(
          '문서 진위 확인 결과 (Verification)',
          `${verdict}<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k!)}</dt><dd>${escapeHtml(v!)}</dd>`).join('')}</dl>${form}`,
        ),
      );
  });
}
