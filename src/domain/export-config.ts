// export_api_info as given to startsimple, checked for shape and normalised.
// Whether the URL's host may be reached is the exports module's business, not this one's.
import { fieldProblem, type FieldProblem } from './field-values.ts';
import { said } from './said.ts';

export type ExportApiType = 'ALL' | 'StartAndEnd';

export interface RequestParam {
  paramId: string;
  paramValue: string;
  /** Field names, in the order given: the first with a value wins. */
  fields: string[];
}

export interface ExportConfig {
  apiType: ExportApiType;
  url: string;
  /** eSignon's link_type: completed-document URLs open a viewer page (default) or download directly. */
  linkType: 'viewer' | 'download';
  requestCode: string;
  authorization: string | null;
  clientid: string | null;
  requestParams: RequestParam[];
}

export const EMBED_REQUEST_CODE = 'embed';

/** Keys the payload body itself uses: a param_id may not take one, or it would overwrite that key. */
export const RESERVED_PAYLOAD_KEYS: ReadonlySet<string> = new Set([
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
  'next_play_user',
  'play_url',
  'next_user_name',
  'user_name',
  'cert_url',
  'download_url',
]);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const scalarText = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

export type ExportConfigCheck = { ok: true; config: ExportConfig } | { ok: false; problems: FieldProblem[] };

/**
 * `template`: the started template's id and field names. A request_params field it does not have
 * (one of another template: integrations share one list across templates) has no value, so its
 * param falls back to param_value; it is no error.
 */
export function parseExportConfig(raw: unknown, template: { docId: string; fieldNames: ReadonlySet<string> }): ExportConfigCheck {
  const at = (key: string) => `export_api_info.${key}`;
  const problems: FieldProblem[] = [];
  if (!isRecord(raw)) {
    return { ok: false, problems: [fieldProblem('export_api_info', said('mustBeObject'))] };
  }

  const apiTypeRaw = scalarText(raw.api_type)?.trim();
  const apiType: ExportApiType | undefined =
    apiTypeRaw?.toUpperCase() === 'ALL' ? 'ALL' : apiTypeRaw?.toLowerCase() === 'startandend' ? 'StartAndEnd' : undefined;
  if (!apiType) {
    problems.push(fieldProblem(at('api_type'), said('exportApiTypeChoice', { got: JSON.stringify(raw.api_type ?? null) })));
  }

  const url = scalarText(raw.url)?.trim();
  if (!url) problems.push(fieldProblem(at('url'), said('exportUrlRequired')));

  const linkTypeRaw = raw.link_type;
  let linkType: ExportConfig['linkType'] = 'viewer';
  if (linkTypeRaw !== undefined && linkTypeRaw !== null && linkTypeRaw !== '') {
    const text = scalarText(linkTypeRaw)?.toLowerCase();
    if (text === 'download' || text === 'viewer') linkType = text;
    else problems.push(fieldProblem(at('link_type'), said('exportLinkTypeChoice')));
  }

  const optionalText = (key: string): string | null => {
    const value = raw[key];
    if (value === undefined || value === null) return null;
    const text = scalarText(value);
    if (text === undefined) problems.push(fieldProblem(at(key), said('mustBeString')));
    return text ?? null;
  };
  const requestCode = optionalText('request_code') ?? '';
  const authorization = optionalText('authorization');
  const clientid = optionalText('clientid');
  if (authorization !== null && /[\r\n]/.test(authorization)) {
    problems.push(fieldProblem(at('authorization'), said('noLineBreaks')));
  }

  const requestParams = parseRequestParams(raw.request_params, template, problems);
  if (problems.length > 0 || !apiType || !url) return { ok: false, problems };
  return {
    ok: true,
    config: { apiType, url, linkType, requestCode, authorization: authorization || null, clientid: clientid || null, requestParams },
  };
}

function parseRequestParams(raw: unknown, template: { docId: string; fieldNames: ReadonlySet<string> }, problems: FieldProblem[]): RequestParam[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.push(fieldProblem('export_api_info.request_params', said('mustBeArray')));
    return [];
  }
  const seen = new Set<string>();
  return raw.flatMap((entry: unknown, i): RequestParam[] => {
    const at = (key: string) => `export_api_info.request_params[${i}]${key ? `.${key}` : ''}`;
    if (!isRecord(entry)) {
      problems.push(fieldProblem(at(''), said('mustBeObject')));
      return [];
    }
    const paramId = scalarText(entry.param_id)?.trim();
    // An entry without a param_id asks for nothing (integrations send an empty placeholder).
    if (!paramId) return [];
    if (RESERVED_PAYLOAD_KEYS.has(paramId)) {
      problems.push(fieldProblem(at('param_id'), said('reservedParamId', { paramId })));
    } else if (seen.has(paramId)) {
      problems.push(fieldProblem(at('param_id'), said('duplicateParamId', { paramId })));
    }
    seen.add(paramId);
    const paramValue = entry.param_value === undefined || entry.param_value === null ? undefined : scalarText(entry.param_value);
    if (paramValue === undefined) problems.push(fieldProblem(at('param_value'), said('paramValueRequired')));
    if (!Array.isArray(entry.fields)) {
      problems.push(fieldProblem(at('fields'), said('paramFieldsMustBeArray')));
      return [];
    }
    const fields = entry.fields.flatMap((f: unknown, j): string[] => {
      const name = typeof f === 'string' ? f : isRecord(f) ? scalarText(f.field_name) : undefined;
      if (!name) {
        problems.push(fieldProblem(`${at('fields')}[${j}]`, said('paramFieldNeedsName')));
        return [];
      }
      const docId = isRecord(f) ? scalarText(f.doc_id)?.trim() : undefined;
      const ofAnotherTemplate = docId !== undefined && docId !== '' && docId !== template.docId;
      return ofAnotherTemplate || !template.fieldNames.has(name) ? [] : [name];
    });
    return paramValue !== undefined ? [{ paramId, paramValue, fields }] : [];
  });
}
