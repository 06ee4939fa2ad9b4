// 5008Q 특정필드 값으로 조회 and 5009Q 기간으로 조회: POST /api/:companyId/search, told apart by
// header.request_code (or, without one, by whether the body has dates).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { Context } from '../../context.ts';
import { endOfDay, formatInOffset, isCalendarDate, parseUtcOffset, startOfDay } from '../../domain/time.ts';
import { searchByFieldValue, searchByPeriod, type FoundPage, type FieldCondition, type PeriodQuery } from '../../workflows/search-workflows.ts';
import { envelope, problemsText, requestHeader, type ResultCode, type ResultMessage } from './envelope.ts';
import { fieldProblem } from '../../domain/field-values.ts';
import { said, type Said } from '../../domain/said.ts';
import { callerFrom } from '../shared/token-caller.ts';
import { parsePaging } from './paging.ts';
import { CompanyParams, Envelope, ResponseEnvelope } from './schemas.ts';
import { Scalar } from '../shared/schema-builders.ts';
import { type TemplateId, toTemplateId, parseId } from '../../domain/ids.ts';

const Optional = Type.Optional;
const Open = { additionalProperties: true } as const;

/** Answers carry at most this many workflows; `page` and `rows` reach the rest. */
export const SEARCH_MAX_ROWS = 1000;

const SearchBody = Type.Object(
  {
    comp_id: Optional(Scalar()),
    client_id: Optional(Scalar('ignored')),
    search_date_type: Optional(Scalar('5009Q: START (started in the period) or END (completed in it, the default)')),
    start_date: Optional(Scalar('5009Q: YYYY-MM-DD, the first day (company time)')),
    end_date: Optional(Scalar('5009Q: YYYY-MM-DD, the last day (company time)')),
    doc_uid: Optional(Scalar('5009Q: the template, when field_list names none')),
    timezone_offset: Optional(Scalar("the offset the dates are in; the company's by default")),
    page: Optional(Scalar(`Dojang: the page, 1-based (default 1)`)),
    rows: Optional(Scalar(`Dojang: workflows per answer (default and at most ${SEARCH_MAX_ROWS})`)),
    field_list: Optional(
      Type.Array(
        Type.Object(
          {
            doc_uid: Optional(Scalar('the template')),
            field_name: Optional(Scalar('the field')),
            field_value: Optional(Type.Union([Type.String(), Type.Null()], { description: '5008Q: the value to find (exact)' })),
          },
          Open,
        ),
      ),
    ),
  },
  Open,
);

export const FoundWorkflowSchema = Type.Object({
  doc_uid: Type.String(),
  end_date: Type.String({ description: 'when it completed, YYYY-MM-DD HH:mm:ss company time; "" when it has not' }),
  total_process_count: Type.String(),
  wf_manager_name: Type.String({ description: 'the member who started it' }),
  wf_manager_email: Type.String(),
  wf_status: Type.String({ description: 'Playing, Complete, Canceled, Disposal' }),
  field_value: Type.String(),
  wfuid: Type.String({ description: 'the workflow id' }),
  current_process_no: Type.String(),
  wf_title: Type.String(),
  start_date: Type.String(),
  field_name: Type.String(),
});

export const SearchResponseBody = Type.Object({
  comp_id: Optional(Type.String()),
  wf_list: Optional(Type.Array(FoundWorkflowSchema)),
  page: Optional(Type.String({ description: 'Dojang: this page' })),
  rows: Optional(Type.String({ description: 'Dojang: workflows per page' })),
  has_more: Optional(Type.String({ description: 'Dojang: "Y" when another page follows' })),
});

type SearchBodyInput = Static<typeof SearchBody>;

/** A refusal with the result_code the search pages list ("17", "18", "19", "-1"). */
class SearchRefused {
  constructor(
    readonly code: ResultCode,
    readonly message: ResultMessage,
  ) {}
}

/** A refusal naming one bad field, as result_msg lists problems. */
const badField = (field: string, message: Said) => new SearchRefused('-1', problemsText([fieldProblem(field, message)]));

const idOf = (value: string | undefined): TemplateId | null | 'bad' => {
  const text = (value ?? '').trim();
  if (text === '') return null;
  const id = parseId(text);
  return id === null ? 'bad' : toTemplateId(id);
};

function fieldConditions(body: SearchBodyInput): FieldCondition[] {
  const entries = body.field_list ?? [];
  if (entries.length === 0) throw new SearchRefused('18', said('searchNoConditions'));
  return entries.map((entry, i) => {
    const fieldName = (entry.field_name ?? '').trim();
    const templateId = idOf(entry.doc_uid);
    if (fieldName === '' || entry.field_value === undefined || entry.field_value === null) {
      throw new SearchRefused('17', said('searchConditionIncomplete', { index: i }));
    }
    if (templateId === 'bad') throw badField(`field_list[${i}].doc_uid`, said('mustBeTemplateId'));
    return { templateId, fieldName, fieldValue: entry.field_value };
  });
}

function periodQuery(body: SearchBodyInput, companyOffset: string): PeriodQuery {
  const start = (body.start_date ?? '').trim();
  const end = (body.end_date ?? '').trim();
  if (start === '' || end === '') throw new SearchRefused('17', said('searchDatesMissing'));
  if (!isCalendarDate(start) || !isCalendarDate(end)) throw new SearchRefused('19', said('searchBadDates', { start, end }));
  if (start > end) throw new SearchRefused('-1', said('searchStartAfterEnd', { start, end }));
  const dateType = (body.search_date_type ?? '').trim().toUpperCase() || 'END';
  if (dateType !== 'START' && dateType !== 'END') throw badField('search_date_type', said('searchDateTypeStartOrEnd'));
  const offsetText = (body.timezone_offset ?? '').trim();
  if (offsetText !== '' && parseUtcOffset(offsetText) === null) throw new SearchRefused('-1', said('timezoneOffsetFormat'));
  const offset = offsetText || companyOffset;

  const listed = (body.field_list ?? []).map((entry) => ({ templateId: idOf(entry.doc_uid), fieldName: (entry.field_name ?? '').trim() }));
  const bodyTemplate = idOf(body.doc_uid);
  if (bodyTemplate === 'bad' || listed.some((t) => t.templateId === 'bad')) throw badField('doc_uid', said('mustBeTemplateId'));
  const targets = listed
    .map((t) => ({ templateId: t.templateId ?? bodyTemplate, fieldName: t.fieldName }))
    .filter((t): t is { templateId: TemplateId; fieldName: string } => typeof t.templateId === 'number');
  if (targets.length === 0 && typeof bodyTemplate === 'number') targets.push({ templateId: bodyTemplate, fieldName: '' });
  return { dateType, from: startOfDay(start, offset), until: endOfDay(end, offset), targets };
}

function wfList(page: FoundPage, offset: string) {
  const when = (iso: string | null) => (iso ? formatInOffset(new Date(iso), offset) : '');
  return page.found.map(({ workflow, starter, fieldName, fieldValue }) => ({
    doc_uid: String(workflow.template_id),
    end_date: when(workflow.completed_at),
    total_process_count: String(workflow.total_steps),
    wf_manager_name: starter.name,
    wf_manager_email: starter.email,
    wf_status: workflow.status,
    field_value: fieldValue,
    wfuid: String(workflow.id),
    current_process_no: String(workflow.current_step),
    wf_title: workflow.name,
    start_date: when(workflow.created_at),
    field_name: fieldName,
  }));
}

function requestCodeOf(request: FastifyRequest, body: SearchBodyInput): '5008Q' | '5009Q' | string {
  const code = requestHeader(request).request_code;
  if (typeof code === 'string' && code.trim() !== '') return code.trim();
  return body.start_date !== undefined || body.end_date !== undefined ? '5009Q' : '5008Q';
}

export function searchRoute(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/:companyId/search',
    {
      schema: {
        summary: "Search workflows by a field's value (5008Q) or by period (5009Q)",
        description: `Newest first, at most ${SEARCH_MAX_ROWS} per answer; \`page\` and \`rows\` (Dojang) reach the rest, \`has_more\` says whether there is more.`,
        tags: ['eSignon'],
        params: CompanyParams,
        body: Envelope('5008Q', SearchBody),
        response: { 200: ResponseEnvelope(SearchResponseBody) },
      },
    },
    async (request) => {
      const caller = callerFrom(request);
      const { body } = request.body;
      const code = requestCodeOf(request, body);
      const answerCode = code === '5009Q' ? '5009A' : '5008A';
      if (code !== '5008Q' && code !== '5009Q') {
        return envelope(request, code.replace(/Q$/, 'A'), '-1', said('unknownSearchRequestCode', { code }), {});
      }
      const company = await ctx.db.selectFrom('companies').select('utc_offset').where('id', '=', caller.companyId).executeTakeFirstOrThrow();
      const { paging, problems } = parsePaging(body, { defaultRows: SEARCH_MAX_ROWS, maxRows: SEARCH_MAX_ROWS });
      try {
        if (problems.length > 0) throw new SearchRefused('-1', problemsText(problems));
        const found =
          code === '5008Q'
            ? await searchByFieldValue(ctx, caller.companyId, fieldConditions(body), paging)
            : await searchByPeriod(ctx, caller.companyId, periodQuery(body, company.utc_offset), paging);
        return envelope(request, answerCode, '00', said('searchResults'), {
          comp_id: caller.companyId,
          wf_list: wfList(found, company.utc_offset),
          page: String(paging.page),
          rows: String(paging.rows),
          has_more: found.hasMore ? 'Y' : 'N',
        });
      } catch (error) {
        if (error instanceof SearchRefused) return envelope(request, answerCode, error.code, error.message, {});
        throw error;
      }
    },
  );
}
