// 1410Q 대량전송 계약 시작 on /JEDOC/Common.do: one workflow per unset_player_list entry, each
// answered in workflow_list with its own result. The older page's example sends request_code
// 5004Q for the same call; it is accepted too and answered as 5004A.
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { formatInOffset } from '../../domain/time.ts';
import type { DojangError } from '../../errors.ts';
import { bulkStartWorkflows, parseBulkRequest, type BulkEntryResult } from '../../workflows/bulk-start-workflows.ts';
import { origin } from '../shared/request-origin.ts';
import { callerFrom } from '../shared/token-caller.ts';
import type { CommonHandler } from './common-do.ts';
import { envelope, requestLanguage, responseCodeFor } from './envelope.ts';
import type { MessageLanguage } from '../../domain/localized.ts';
import { said } from '../../domain/said.ts';
import { toTemplateId, parseId } from '../../domain/ids.ts';

export const BulkEntryResultSchema = Type.Object({
  workflow_id: Type.String({ description: '"" when this entry was not started' }),
  unset_player_email: Type.String(),
  unset_player_name: Type.String(),
  result: Type.String({ description: 'OK, or FAIL (description says why)' }),
  description: Type.String(),
  result_code: Type.String({ description: 'Dojang: "00", or the code startsimple would have answered ("-1", "19", "20", "15" …)' }),
  workflow_name: Type.String(),
  token: Type.String({ description: "the step-1 signing link's token (sign?token=…)" }),
  lang: Type.String(),
  reg_date: Type.String({ description: 'when the workflow started (company time)' }),
});

export const BulkStartResponseBody = Type.Object({
  workflow_list: Type.Optional(Type.Array(BulkEntryResultSchema)),
  comp_id: Type.Optional(Type.String()),
  biz_id: Type.Optional(Type.String()),
  memb_email: Type.Optional(Type.String()),
  workflow_lib_id: Type.Optional(Type.String()),
});

const RESULT_CODES: Partial<Record<DojangError['code'], string>> = { 'bad-expiry-format': '19', 'expiry-past': '20', 'missing-required': '99' };

/** One entry's result; a failed one's description in the request's language. */
function entryResult(result: BulkEntryResult, offset: string, now: Date, language: MessageLanguage) {
  const who = { unset_player_email: String(result.entry.email ?? ''), unset_player_name: String(result.entry.name ?? '') };
  if (result.ok) {
    return {
      workflow_id: String(result.started.workflowId),
      ...who,
      result: 'OK',
      description: '',
      result_code: '00',
      workflow_name: result.started.workflowName,
      token: result.started.token,
      lang: result.started.language,
      reg_date: formatInOffset(now, offset),
    };
  }
  return {
    workflow_id: '',
    ...who,
    result: 'FAIL',
    description: result.error.sayTo(language),
    result_code: RESULT_CODES[result.error.code] ?? '-1',
    workflow_name: String(result.entry.workflow_name ?? ''),
    token: '',
    lang: String(result.entry.language ?? ''),
    reg_date: '',
  };
}

export function bulkStartHandlers(ctx: Context): Record<string, CommonHandler> {
  const bulkStart: CommonHandler = async (request, body, requestCode) => {
    const caller = callerFrom(request);
    const code = responseCodeFor(requestCode);
    const bulk = parseBulkRequest(body);
    const templateId = parseId(bulk.templateId);
    const template =
      templateId !== null
        ? await ctx.db
            .selectFrom('templates')
            .select(['name', 'steps'])
            .where('id', '=', toTemplateId(templateId))
            .where('company_id', '=', caller.companyId)
            .executeTakeFirst()
        : undefined;
    if (!template) return envelope(request, code, '10', said('bulkTemplateMissing', { id: bulk.templateId }), {});
    if (template.steps > 2) {
      return envelope(request, code, '15', said('bulkTemplateSteps', { id: bulk.templateId, steps: template.steps }), {});
    }
    // Two steps without a customer_list: the second is the company's, the creator (eSignon's
    // "담당자는 생성자로 고정"), who must be an active member.
    if (template.steps === 2 && !bulk.customerB) {
      const creatorEmail = (bulk.starterEmail ?? caller.memberEmail).trim().toLowerCase();
      const creator = await ctx.db
        .selectFrom('members')
        .select(['email', 'name'])
        .where('company_id', '=', caller.companyId)
        .where('email', '=', creatorEmail)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      if (!creator) return envelope(request, code, '15', said('bulkCreatorNotMember', { email: creatorEmail }), {});
      bulk.customerB = { email: creator.email, name: creator.name };
    }
    const company = await ctx.db.selectFrom('companies').select('utc_offset').where('id', '=', caller.companyId).executeTakeFirstOrThrow();
    const results = await bulkStartWorkflows(ctx, caller, bulk, template, origin(request));
    const started = results.filter((r) => r.ok).length;
    const now = ctx.clock();
    return envelope(
      request,
      code,
      started > 0 ? '00' : '11',
      started > 0 ? said('bulkStarted', { started, total: results.length }) : said('bulkNoneStarted', { total: results.length }),
      {
        workflow_list: results.map((r) => entryResult(r, company.utc_offset, now, requestLanguage(request))),
        comp_id: caller.companyId,
        biz_id: '0',
        memb_email: bulk.starterEmail ?? caller.memberEmail,
        workflow_lib_id: bulk.templateId,
      },
    );
  };
  return { '1410Q': bulkStart, '5004Q': bulkStart };
}
