import { describe, expect, it } from 'vitest';
import { parseExportConfig, type ExportConfig } from './export-config.ts';
import { buildExportPayload, shouldExport, type ExportChange } from './export-payload.ts';
import type { TemplateField } from './fields.ts';
import { toCompanyId } from './ids.ts';

const box = (name: string, type: TemplateField['type'], owner: number): TemplateField => ({
  name,
  type,
  owner,
  required: false,
  page: 1,
  x: 0,
  y: 0,
  width: 10,
  height: 10,
});
const fields = [box('customer_name', 'TextBox', 1), box('amount', 'TextBox', 2), box('sign1', 'SignBox', 1), box('agree', 'CheckBox', 1)];
const names = new Set(fields.map((f) => f.name));

function config(raw: Record<string, unknown>): ExportConfig {
  const check = parseExportConfig(raw, { docId: 'T42', fieldNames: names });
  if (!check.ok) throw new Error(JSON.stringify(check.problems));
  return check.config;
}

// A two-step contract in embed mode with request_params, key for key: step 1 approves, then step 2.
describe('the worked example: a two-step embed contract', () => {
  const spec = config({
    api_type: 'ALL',
    url: 'https://erp.example.com/hook',
    request_code: 'embed',
    clientid: 'C9',
    authorization: 'Bearer abc',
    request_params: [
      { param_id: 'customer', param_value: '-', fields: [{ doc_id: 'T42', field_name: 'customer_name' }] },
      { param_id: 'price', param_value: '0', fields: ['amount'] },
    ],
  });
  const base: Omit<ExportChange, 'processId' | 'actionStep' | 'at' | 'actorIdentity' | 'actorName' | 'opinion' | 'statusAfter' | 'values'> = {
    docId: 'T42',
    workflowId: '77',
    companyId: toCompanyId('acme'),
    worktype: 'CF',
    fields,
  };

  it('event 1: step 1 approves, step 2 is due', () => {
    const payload = buildExportPayload(spec, {
      ...base,
      processId: 1,
      actionStep: 1,
      at: new Date('2026-12-01T09:30:05.250+09:00'),
      actorIdentity: 'kim@example.com',
      actorName: '김철수',
      opinion: '확인했습니다',
      statusAfter: 'Playing',
      values: { customer_name: '홍길동' },
      next: { identity: '010-2345-6789', name: '이영희', playUrl: 'http://localhost:3000/sign?token=t2' },
    });
    expect(payload).toEqual({
      header: { api_name: 'export', session_id: 'S1001', request_code: 'embed' },
      body: {
        wfluid: 'T42',
        clientid: 'C9',
        processid: '1',
        requestid: 'embed',
        actionid: '1',
        workdatetime: '2026-12-01 00:30:05.25',
        worktype: 'CF',
        wfuid: '77',
        useremail: 'kim@example.com',
        opinion: '확인했습니다',
        status: 'Playing',
        customer: '홍길동',
        price: '0',
        next_play_user: '010-2345-6789',
        play_url: 'http://localhost:3000/sign?token=t2',
        next_user_name: '이영희',
        user_name: '김철수',
      },
    });
    expect(JSON.stringify(payload)).toContain('"opinion":"확인했습니다"');
  });

  it('event 2: step 2 approves and the workflow completes', () => {
    const payload = buildExportPayload(spec, {
      ...base,
      processId: 2,
      actionStep: 2,
      at: new Date('2026-12-01T10:00:00.000+09:00'),
      actorIdentity: '010-2345-6789',
      actorName: '이영희',
      opinion: '',
      statusAfter: 'Complete',
      values: { customer_name: '홍길동', amount: '1,000,000원' },
      links: { certUrl: 'http://x/cert', downloadUrl: 'http://x/doc' },
    });
    expect(payload.body).toEqual({
      wfluid: 'T42',
      clientid: 'C9',
      processid: '2',
      requestid: 'embed',
      actionid: '2',
      workdatetime: '2026-12-01 01:00:00.0',
      worktype: 'CF',
      wfuid: '77',
      useremail: '010-2345-6789',
      opinion: '',
      status: 'Complete',
      customer: '홍길동',
      price: '1,000,000원',
      cert_url: 'http://x/cert',
      download_url: 'http://x/doc',
      user_name: '이영희',
    });
  });
});

describe('request_params', () => {
  const change = (values: Record<string, string>): ExportChange => ({
    docId: '5',
    workflowId: '9',
    companyId: toCompanyId('acme'),
    processId: 1,
    actionStep: 1,
    at: new Date(0),
    worktype: 'CF',
    actorIdentity: 'a@b.co',
    actorName: 'A',
    opinion: '',
    statusAfter: 'Playing',
    fields,
    values,
  });

  it('takes the first non-empty field, counts images as Y, falls back to param_value', () => {
    const c = config({
      api_type: 'ALL',
      url: 'https://h.example/x',
      request_code: 'mine',
      request_params: [
        { param_id: 'who', param_value: 'nobody', fields: ['amount', 'customer_name'] },
        { param_id: 'signed', param_value: 'N', fields: ['sign1'] },
        { param_id: 'agreed', param_value: '?', fields: ['agree'] },
        { param_id: 'none', param_value: '', fields: [] },
      ],
    });
    expect(buildExportPayload(c, change({ customer_name: '홍길동', sign1: 'data:image/png;base64,AAAA', agree: 'N' })).body).toMatchObject({
      who: '홍길동',
      signed: 'Y',
      agreed: 'N',
      none: '',
    });
    expect(buildExportPayload(c, change({ amount: '', customer_name: '' })).body).toMatchObject({ who: 'nobody', signed: 'N', agreed: '?' });
  });

  it('outside embed mode carries no URL or names', () => {
    const c = config({ api_type: 'ALL', url: 'https://h.example/x', request_code: 'custom' });
    const body = buildExportPayload(c, { ...change({}), next: { identity: 'x', name: 'y', playUrl: 'z' } }).body;
    expect(Object.keys(body)).toEqual([
      'wfluid',
      'clientid',
      'processid',
      'requestid',
      'actionid',
      'workdatetime',
      'worktype',
      'wfuid',
      'useremail',
      'opinion',
      'status',
    ]);
    expect(body.clientid).toBe('acme');
  });

  it('refuses reserved and duplicate param_ids and bad shapes', () => {
    const check = parseExportConfig(
      {
        api_type: 'SOMETIMES',
        url: '',
        link_type: 'pdf',
        request_params: [
          { param_id: 'status', param_value: '', fields: [] },
          { param_id: 'x', param_value: '', fields: ['nope'] },
          { param_id: 'x', fields: 'amount' },
        ],
      },
      { docId: 'T42', fieldNames: names },
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems.map((p) => p.field)).toEqual([
      'export_api_info.api_type',
      'export_api_info.url',
      'export_api_info.link_type',
      'export_api_info.request_params[0].param_id',
      'export_api_info.request_params[2].param_id',
      'export_api_info.request_params[2].param_value',
      'export_api_info.request_params[2].fields',
    ]);
  });

  it("skips an entry without a param_id, and a field the template does not have (or another template's) has no value", () => {
    const check = parseExportConfig(
      {
        api_type: 'ALL',
        url: 'https://h.example/x',
        request_params: [
          { param_id: '', param_value: '', fields: [] },
          {
            param_id: 'customer',
            param_value: '-',
            fields: [{ doc_id: 'T7', field_name: 'customer_name' }, 'not_here', { doc_id: 'T42', field_name: 'customer_name' }],
          },
        ],
      },
      { docId: 'T42', fieldNames: names },
    );
    expect(check.ok && check.config.requestParams).toEqual([{ paramId: 'customer', paramValue: '-', fields: ['customer_name'] }]);
  });
});

describe('shouldExport', () => {
  it('ALL sends everything; StartAndEnd the first action and the end', () => {
    expect(shouldExport('ALL', { isFirstAction: false, statusAfter: 'Playing' })).toBe(true);
    expect(shouldExport('StartAndEnd', { isFirstAction: true, statusAfter: 'Playing' })).toBe(true);
    expect(shouldExport('StartAndEnd', { isFirstAction: false, statusAfter: 'Playing' })).toBe(false);
    expect(shouldExport('StartAndEnd', { isFirstAction: false, statusAfter: 'Complete' })).toBe(true);
    expect(shouldExport('StartAndEnd', { isFirstAction: false, statusAfter: 'Canceled' })).toBe(true);
  });
});

// Every combination the Export API page distinguishes: embed or custom, the status after the
// change, and the worktype. Only embed adds keys, and which ones depends on the status.
describe('keys by mode, status and worktype', () => {
  const EMBED_KEYS = {
    Playing: ['next_play_user', 'play_url', 'next_user_name', 'user_name'],
    Complete: ['cert_url', 'download_url', 'user_name'],
    Canceled: ['user_name'],
  } as const;
  const combos = (['embed', 'custom'] as const).flatMap((mode) =>
    (
      [
        ['Playing', 'CF'],
        ['Playing', 'RT'],
        ['Complete', 'CF'],
        ['Canceled', 'RT'],
        ['Canceled', 'CANCEL'],
      ] as const
    ).map(([status, worktype]) => ({ mode, status, worktype })),
  );

  it.each(combos)('$mode, $status after $worktype', ({ mode, status, worktype }) => {
    const c = config({
      api_type: 'ALL',
      url: 'https://h.example/x',
      request_code: mode === 'embed' ? 'embed' : 'my-code',
      request_params: [{ param_id: '고객명', param_value: '없음', fields: ['customer_name'] }],
    });
    const payload = buildExportPayload(c, {
      docId: '3',
      workflowId: '8',
      companyId: toCompanyId('acme'),
      processId: 4,
      actionStep: worktype === 'CANCEL' ? null : 2,
      at: new Date('2026-01-02T03:04:05.123Z'),
      worktype,
      actorIdentity: worktype === 'CANCEL' ? 'admin@acme.example.com' : '010-2345-6789',
      actorName: '이영희',
      opinion: worktype === 'RT' ? '금액이 다릅니다' : '',
      statusAfter: status,
      fields,
      values: { customer_name: '홍길동' },
      next: { identity: 'kim@example.com', name: '김철수', playUrl: 'http://x/sign?token=t' },
      links: { certUrl: 'http://x/c', downloadUrl: 'http://x/d' },
    });
    const base = ['wfluid', 'clientid', 'processid', 'requestid', 'actionid', 'workdatetime', 'worktype', 'wfuid', 'useremail', 'opinion', 'status', '고객명'];
    expect(Object.keys(payload.body)).toEqual(mode === 'embed' ? [...base, ...EMBED_KEYS[status]] : base);
    expect(payload.header.request_code).toBe(payload.body.requestid);
    expect(payload.body).toMatchObject({
      processid: '4',
      actionid: worktype === 'CANCEL' ? '' : '2',
      worktype,
      status,
      workdatetime: '2026-01-02 03:04:05.123',
      고객명: '홍길동',
    });
    expect(JSON.stringify(payload)).not.toMatch(/\\u[0-9a-f]{4}/);
  });
});
