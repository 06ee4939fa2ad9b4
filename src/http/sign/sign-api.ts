// The signer's JSON API, used by the signing page and usable by a server. The token in
// the path is the credential; a verified session (cookie or X-Dojang-Sign-Session) is needed
// for the document and for acting when the player has a password or a mobile number.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { DojangError } from '../../errors.ts';
import { fieldProblem } from '../../domain/field-values.ts';
import { said } from '../../domain/said.ts';
import { assertVerified, completeSigning } from '../../signing/complete-signing.ts';
import { describeSignLink } from '../../signing/describe-sign-link.ts';
import type { SignLinkView } from '../../signing/sign-link-answers.ts';
import { assertLinkOpen, requireSignLink, type SignLink } from '../../signing/open-sign-link.ts';
import { recordLinkMark } from '../../signing/record-link-mark.ts';
import { sendSignCode } from '../../signing/send-sign-code.ts';
import { currentLock } from '../../signing/sign-guard.ts';
import { signLinkOutcome } from '../../signing/sign-link-outcome.ts';
import { findSignSession, type SignSession } from '../../signing/sign-sessions.ts';
import { signingDocumentPdf } from '../../signing/signing-document.ts';
import { draftValues, saveDraft } from '../../signing/sign-drafts.ts';
import { verifySigner } from '../../signing/verify-signer.ts';
import { origin } from '../shared/request-origin.ts';
import { FileBody, NoBody, Nullable } from '../shared/schema-builders.ts';
import { BODY_LIMIT } from '../body-limits.ts';
import { isPageImageWidth, pageImage, PAGE_IMAGE_WIDTHS } from '../../documents/page-images.ts';
import { SignError } from '../../signing/sign-error.ts';
import { rateLimited } from '../rate-limits.ts';
import { noStoreHeaders } from './page-security.ts';
import { SESSION_HEADER, sessionSecretOf, setSessionCookie } from './sign-session-cookie.ts';

const TokenParams = Type.Object({ token: Type.String({ description: 'the token of the signing link (`/sign?token=…`)' }) });
const SessionHeaders = Type.Object(
  { [SESSION_HEADER]: Type.Optional(Type.String({ description: 'the `session` a verify call returned; or send its cookie' })) },
  { additionalProperties: true },
);
const Problem = Type.Object(
  { type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String(), code: Type.String() },
  { additionalProperties: true, description: 'application/problem+json; `code` says what happened' },
);
const problems = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, Problem]));

const SignFieldSchema = Type.Object({
  name: Type.String({ description: "the field name (eSignon's field_name)" }),
  label: Type.String({ description: "what the signer reads: the template's label for the box, else its name" }),
  type: Type.String({ description: 'TextBox, LabelBox, CheckBox, RadioBox, DatePickerBox, PictureBox or SignBox' }),
  page: Type.Integer({ description: '1-based' }),
  x: Type.Number({ description: "PDF points from the page's left edge" }),
  y: Type.Number({ description: "PDF points from the page's top edge" }),
  width: Type.Number(),
  height: Type.Number(),
  required: Type.Boolean(),
  owner: Type.Integer({ description: 'the step that fills it; 0 for a LabelBox' }),
  group: Nullable(Type.String({ description: 'RadioBox group' })),
  value: Type.String({ description: 'the value so far ("" for later steps\' boxes); images as data: URLs' }),
  editable: Type.Boolean({ description: 'whether this signer fills it' }),
});

const SignLinkSchema = Type.Object({
  workflow_id: Type.String(),
  workflow_name: Type.String(),
  status: Type.String({ description: 'Playing, Complete, Canceled, Disposal or Truncate' }),
  current_step: Type.Integer(),
  total_steps: Type.Integer(),
  company_name: Type.String(),
  signer: Type.Object({ step: Type.Integer(), name: Type.String(), language: Type.String() }),
  link: Type.Object({
    state: Type.String({ description: 'open: may act; closed: acted upon or the workflow moved on; expired' }),
    expires_at: Type.String(),
    outcome: Nullable(
      Type.Object(
        {
          kind: Type.String({ description: 'approved, returned, canceled, completed, expired, removed or replaced' }),
          at: Type.Optional(Nullable(Type.String())),
          opinion: Type.Optional(Type.String()),
          reason: Type.Optional(Type.String()),
        },
        { description: 'what happened, for a link that is not open' },
      ),
    ),
  }),
  verification: Type.Object({
    needed: Type.Boolean(),
    verified: Type.Boolean(),
    locked_until: Nullable(Type.String()),
    methods: Type.Array(
      Type.Object({
        method: Type.String({ description: 'password or otp, in the order to pass them' }),
        passed: Type.Boolean(),
        hint: Nullable(Type.String({ description: 'the password hint' })),
        mobile_number: Nullable(Type.String({ description: 'where the code goes, masked' })),
      }),
    ),
  }),
  document: Nullable(
    Type.Object(
      {
        pdf_url: Type.String(),
        pages: Type.Array(Type.Object({ width: Type.Number(), height: Type.Number() })),
        values_drawn: Type.Boolean({ description: 'whether the PDF already shows the values the signer cannot change' }),
        page_images: Type.Object(
          {
            url: Type.String({ description: 'with {page} replaced by the page number; add ?width=' }),
            // The widths are the server's own list, never changed by whoever reads them.
            widths: Type.Unsafe<readonly number[]>(Type.Array(Type.Integer())),
          },
          { description: "the template's pages as WebP images, without values (the page lays the values and the boxes over them)" },
        ),
      },
      { description: 'null until verified, and for a link that is not open' },
    ),
  ),
  fields: Nullable(Type.Array(SignFieldSchema, { description: 'null until verified, and for a link that is not open' })),
});

const VerifyBody = Type.Object(
  {
    password: Type.Optional(Type.String({ maxLength: 200 })),
    otp: Type.Optional(Type.String({ maxLength: 20, description: 'the six-digit code sent by POST /api/sign/:token/otp' })),
  },
  { additionalProperties: false, description: 'exactly one of password and otp' },
);

const CompleteBody = Type.Object(
  {
    command: Type.Union([Type.Literal('CF'), Type.Literal('RT')], { description: 'CF approves, RT returns' }),
    opinion: Type.Optional(Type.String({ maxLength: 2000, description: 'a message with CF; the reason, required, with RT' })),
    fields: Type.Optional(
      Type.Array(Type.Object({ field_name: Type.String(), field_value: Nullable(Type.String()) }, { additionalProperties: true }), { maxItems: 500 }),
    ),
  },
  { additionalProperties: true },
);

const PAGE_IMAGE_ROUTE = '/api/sign/:token/pages/:page';

const pdfUrlOf = (token: string) => `/api/sign/${token}/document.pdf`;
const pageImageUrlOf = (token: string) => `/api/sign/${token}/pages/{page}`;

/**
 * What GET /api/sign/:token answers (the signing page's first question), also carried by the
 * page's HTML when a browser opens an open link that needs no verification. The first look at an
 * open link records VIEW in the history.
 */
export async function signLinkView(ctx: Context, request: FastifyRequest, link: SignLink, session: SignSession | null, token: string): Promise<SignLinkView> {
  if (link.access === 'open') await recordLinkMark(ctx, link, 'VIEW', origin(request));
  const [outcome, lockedUntil, draft] = await Promise.all([
    link.access === 'open' ? null : signLinkOutcome(ctx, link),
    link.access === 'open' ? currentLock(ctx, { workflowId: link.state.workflow.id, step: link.step }) : null,
    link.access === 'open' ? draftValues(ctx, link) : {},
  ]);
  return describeSignLink({
    link,
    passed: session?.methods ?? new Set(),
    outcome,
    lockedUntil,
    pdfUrl: pdfUrlOf(token),
    pageImageUrl: pageImageUrlOf(token),
    draft,
  });
}

export function signApiRoutes(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Signer'];
  const security: Record<string, string[]>[] = [];

  /** The link the path's token opens, and the session the request carries for it. */
  async function linkAndSession(request: FastifyRequest, token: string): Promise<{ link: SignLink; session: SignSession | null }> {
    const link = await requireSignLink(ctx, token);
    return { link, session: await findSignSession(ctx, link, sessionSecretOf(request, link)) };
  }

  app.addHook('onSend', async (request, reply) => {
    // A page image is the same bytes for as long as the link lives: the browser keeps it.
    if (request.routeOptions.url === PAGE_IMAGE_ROUTE && reply.statusCode === 200) {
      reply.headers({ 'cache-control': 'private, max-age=31536000, immutable', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' });
      return;
    }
    noStoreHeaders(reply);
  });

  app.get(
    PAGE_IMAGE_ROUTE,
    {
      config: { rateLimit: rateLimited('signing-link') },
      schema: {
        summary: 'A page of the document as a WebP image, without values: what the signing page shows',
        tags,
        security,
        params: Type.Object({ token: Type.String(), page: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object({ width: Type.Optional(Type.Integer({ description: `one of ${PAGE_IMAGE_WIDTHS.join(', ')} pixels` })) }),
        headers: SessionHeaders,
        response: { 200: FileBody('image/webp'), ...problems(400, 401, 404, 409, 410) },
      },
    },
    async (request, reply) => {
      const { link, session } = await linkAndSession(request, request.params.token);
      assertLinkOpen(link);
      assertVerified(link, session);
      const { page } = request.params;
      const width = request.query.width ?? PAGE_IMAGE_WIDTHS[0];
      if (!isPageImageWidth(width)) throw DojangError.invalid([fieldProblem('width', said('mustBeOneOf', { choices: PAGE_IMAGE_WIDTHS.join(', ') }))]);
      const image = await pageImage(ctx, link.state.template, page, width);
      if (!image) throw new SignError('link-not-found', said('noSuchPage', { page }));
      return reply.type('image/webp').send(Buffer.from(image));
    },
  );

  app.get(
    '/api/sign/:token',
    {
      config: { rateLimit: rateLimited('signing-link') },
      schema: {
        summary: 'A signing link: the workflow, this signer, verification, and (once verified) the pages and every box',
        description: 'The first look at an open link records VIEW in the history, with IP address and user agent.',
        tags,
        security,
        params: TokenParams,
        headers: SessionHeaders,
        response: { 200: SignLinkSchema, ...problems(404) },
      },
    },
    async (request) => {
      const { link, session } = await linkAndSession(request, request.params.token);
      return signLinkView(ctx, request, link, session, request.params.token);
    },
  );

  app.get(
    '/api/sign/:token/document.pdf',
    {
      config: { rateLimit: rateLimited('signing-link') },
      schema: {
        summary: 'The document the signer signs, as a PDF',
        tags,
        security,
        params: TokenParams,
        headers: SessionHeaders,
        response: { 200: FileBody('application/pdf'), ...problems(401, 404, 409, 410) },
      },
    },
    async (request, reply) => {
      const { link, session } = await linkAndSession(request, request.params.token);
      assertLinkOpen(link);
      assertVerified(link, session);
      const pdf = await signingDocumentPdf(ctx, link);
      return reply.type('application/pdf').header('content-disposition', 'inline; filename="document.pdf"').send(Buffer.from(pdf));
    },
  );

  app.post(
    '/api/sign/:token/verify',
    {
      config: { rateLimit: rateLimited('signing-link') },
      schema: {
        summary: 'Verify with the password or the one-time code; answers a session',
        description:
          'Five wrong tries lock the step for fifteen minutes (429 with Retry-After). A right answer is recorded as PASSWORD_CERT or MOBILE_CERT, sets an HttpOnly cookie and answers `session`, to send as X-Dojang-Sign-Session where cookies do not work. A player with both a password and a mobile number passes both on the same session.',
        tags,
        security,
        params: TokenParams,
        headers: SessionHeaders,
        body: VerifyBody,
        response: {
          200: Type.Object({
            verified: Type.Boolean({ description: 'every verification this signer needs has passed' }),
            remaining: Type.Array(Type.String()),
            session: Type.String(),
            expires_at: Type.String(),
          }),
          ...problems(400, 401, 404, 409, 410, 429),
        },
      },
    },
    async (request, reply) => {
      const { link, session } = await linkAndSession(request, request.params.token);
      const { body } = request;
      if ((body.password === undefined) === (body.otp === undefined)) {
        throw DojangError.invalid([fieldProblem('body', said('passwordOrOtp'))]);
      }
      const input = body.password !== undefined ? { password: body.password } : { otp: body.otp! };
      const result = await verifySigner(ctx, link, session, input, origin(request));
      setSessionCookie(reply, ctx.config, link, result.session.secret);
      return { verified: result.verified, remaining: result.remaining, session: result.session.secret, expires_at: result.session.expiresAt };
    },
  );

  app.post(
    '/api/sign/:token/otp',
    {
      config: { rateLimit: rateLimited('signing-link') },
      schema: {
        summary: "Send a six-digit code to the signer's mobile number (KakaoTalk or SMS), valid five minutes",
        description: 'At most once a minute and five times an hour (429 with Retry-After). Only the newest code counts.',
        tags,
        security,
        params: TokenParams,
        response: {
          200: Type.Object({
            sent: Type.Boolean(),
            mobile_number: Type.String({ description: 'masked' }),
            expires_at: Type.String(),
            resend_after: Type.Integer({ description: 'seconds' }),
          }),
          ...problems(400, 404, 409, 410, 429),
        },
      },
    },
    async (request) => {
      const link = await requireSignLink(ctx, request.params.token);
      const sent = await sendSignCode(ctx, link);
      return { sent: true, mobile_number: sent.mobileNumber, expires_at: sent.expiresAt, resend_after: sent.resendAfterSeconds };
    },
  );

  app.post(
    '/api/sign/:token/start',
    {
      config: { rateLimit: rateLimited('signing-link') },
      schema: {
        summary: 'Record that the signer started filling in (SIGN_START, once per link)',
        description: 'The page calls it on the first interaction with a box; complete records it too when it was not.',
        tags,
        security,
        params: TokenParams,
        headers: SessionHeaders,
        response: { 204: NoBody(), ...problems(401, 404, 409, 410) },
      },
    },
    async (request, reply) => {
      const { link, session } = await linkAndSession(request, request.params.token);
      assertLinkOpen(link);
      assertVerified(link, session);
      await recordLinkMark(ctx, link, 'SIGN_START', origin(request));
      return reply.code(204).send();
    },
  );

  app.put(
    '/api/sign/:token/draft',
    {
      config: { rateLimit: rateLimited('signing-link') },
      bodyLimit: BODY_LIMIT.images,
      schema: {
        summary: 'Save what the signer filled in so far: it comes back in GET /api/sign/:token until the step is approved or returned',
        description:
          "Not an approval: no history entry, no export, nothing anyone else sees. Each value is checked as an approval checks it; only this signer's own boxes.",
        tags,
        security,
        params: TokenParams,
        headers: SessionHeaders,
        body: Type.Object(
          {
            fields: Type.Array(Type.Object({ field_name: Type.String(), field_value: Nullable(Type.String()) }, { additionalProperties: true }), {
              maxItems: 500,
            }),
          },
          { additionalProperties: true },
        ),
        response: { 204: NoBody(), ...problems(400, 401, 404, 409, 410) },
      },
    },
    async (request, reply) => {
      const { link, session } = await linkAndSession(request, request.params.token);
      assertLinkOpen(link);
      assertVerified(link, session);
      await saveDraft(
        ctx,
        link,
        request.body.fields.map((f) => ({ name: f.field_name, value: f.field_value ?? '' })),
      );
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/sign/:token/complete',
    {
      config: { rateLimit: rateLimited('signing-link') },
      bodyLimit: BODY_LIMIT.images,
      schema: {
        summary: "Approve (CF) with an optional message or return (RT) with a reason, with this step's field values",
        description:
          "The same rules as eSignon's action call: required boxes of the step must have values (422 missing-required, naming them), values must fit their boxes (400), the link must still be open (409 link-closed), and one of two simultaneous actions wins (409 conflict).",
        tags,
        security,
        params: TokenParams,
        headers: SessionHeaders,
        body: CompleteBody,
        response: {
          200: Type.Object({
            result: Type.String({
              description: 'approved (passed to the next step), completed, returned (back to the previous step) or canceled (returned at step 1)',
            }),
            workflow_status: Type.String(),
            current_step: Type.Integer(),
          }),
          ...problems(400, 401, 404, 409, 410, 422),
        },
      },
    },
    async (request) => {
      const { link, session } = await linkAndSession(request, request.params.token);
      const { body } = request;
      const { result, outcome } = await completeSigning(
        ctx,
        link,
        session,
        { command: body.command, opinion: body.opinion ?? '', fields: (body.fields ?? []).map((f) => ({ name: f.field_name, value: f.field_value ?? '' })) },
        origin(request),
      );
      const currentStep = outcome.kind === 'advanced' || outcome.kind === 'returned' ? outcome.nextStep : link.step;
      return { result, workflow_status: outcome.status, current_step: currentStep };
    },
  );
}
