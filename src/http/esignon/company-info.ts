// GET /api/v2/company (회사 정보 조회). Dojang bills nobody: no capacity, no charges, no expiry;
// usage counts are real, for the calendar month in the company's time zone.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { formatInOffset } from '../../domain/time.ts';
import { countCompanyUsage } from '../../workflows/count-company-usage.ts';
import { offsetParam } from './common-do.ts';
import { envelope } from './envelope.ts';
import { said } from '../../domain/said.ts';
import { callerFrom } from '../shared/token-caller.ts';
import { ResponseEnvelope } from './schemas.ts';

const CODE = '/api/v2/company';

export const CompanyInfoBody = Type.Object({
  name: Type.Optional(Type.String()),
  contract_company_name: Type.Optional(Type.String({ description: "the name shown to signers: the company's name" })),
  create_email: Type.Optional(Type.String({ description: "the company's first member" })),
  country_code: Type.Optional(Type.String({ description: 'KR' })),
  workflow_capacity: Type.Optional(Type.String({ description: '"unlimited": self-hosted Dojang has no quota' })),
  workflow_usage: Type.Optional(Type.String({ description: 'workflows started this month (company time)' })),
  allow_list: Type.Optional(Type.Array(Type.String(), { description: 'always empty: Dojang keeps no IP allow list' })),
  expiry_date: Type.Optional(Type.String({ description: 'always "": no subscription expires' })),
  workflow_charge_list: Type.Optional(
    Type.Array(
      Type.Object({
        grade_code: Type.String(),
        email: Type.String(),
        payment_date_time: Type.String(),
        doc_capacity: Type.String(),
        payment_system: Type.String(),
        payment_amount: Type.String(),
      }),
      { description: 'always empty: nothing is charged' },
    ),
  ),
  sign_up_type: Type.Optional(Type.String({ description: 'company' })),
  grade_code: Type.Optional(Type.String({ description: 'always "": no plan' })),
  create_date: Type.Optional(Type.String()),
  usage: Type.Optional(
    Type.Object(
      {
        period_start: Type.String({ description: 'the first instant of this month, company time' }),
        period_end: Type.String({ description: 'the first instant of next month' }),
        workflows_started: Type.String(),
        workflows_completed: Type.String(),
        members: Type.String(),
        templates: Type.String(),
      },
      { description: 'Dojang: the counts behind workflow_usage' },
    ),
  ),
});

export function companyInfoRoute(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    CODE,
    {
      schema: {
        summary: "The company: name, creator, this month's usage",
        tags: ['eSignon'],
        querystring: Type.Object(
          { offset: Type.Optional(Type.String({ description: "UTC offset ±hh:mm for dates; the company's by default" })) },
          { additionalProperties: true },
        ),
        response: { 200: ResponseEnvelope(CompanyInfoBody) },
      },
      config: { esignonCode: CODE },
    },
    async (request) => {
      const caller = callerFrom(request);
      const usage = await countCompanyUsage(ctx, caller.companyId);
      if (!usage) return envelope(request, CODE, '10', said('companyLookupFailed'), {});
      const offset = offsetParam(request.query.offset, usage.company.utc_offset);
      const when = (instant: Date) => formatInOffset(instant, offset);
      return envelope(request, CODE, '00', said('esignonSuccess'), {
        name: usage.company.name,
        contract_company_name: usage.company.name,
        create_email: usage.creatorEmail,
        country_code: 'KR',
        workflow_capacity: 'unlimited',
        workflow_usage: String(usage.started),
        allow_list: [],
        expiry_date: '',
        workflow_charge_list: [],
        sign_up_type: 'company',
        grade_code: '',
        create_date: when(new Date(usage.company.created_at)),
        usage: {
          period_start: when(usage.periodStart),
          period_end: when(usage.periodEnd),
          workflows_started: String(usage.started),
          workflows_completed: String(usage.completed),
          members: String(usage.members),
          templates: String(usage.templates),
        },
      });
    },
  );
}
