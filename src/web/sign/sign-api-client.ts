// The signing page's side of the signer's JSON API. The verified session is kept in
// memory and sent as X-Dojang-Sign-Session, which works in iframes where cookies do not.
// The answers' shapes are the types the server's services return (signing/sign-link-answers.ts,
// erased from the bundle), so the two cannot drift.
import { language } from '../shared/i18n.ts';
import type { CompleteResult, LinkOutcome, SignField, SignLinkView } from '../../signing/sign-link-answers.ts';

export type { CompleteResult, LinkOutcome, SignField, SignLinkView };

/** An answer other than 2xx, with the problem's `code` ('network' when the server was not reached). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.detail === 'string' ? body.detail : code);
  }
}

export class SignApiClient {
  private session: string | null = null;
  private readonly base: string;

  constructor(token: string) {
    this.base = `/api/sign/${encodeURIComponent(token)}`;
  }

  headers(): Record<string, string> {
    return this.session ? { 'x-dojang-sign-session': this.session } : {};
  }

  private async request<T>(method: string, path: string, body?: unknown, options: { keepalive?: boolean } = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        credentials: 'same-origin',
        cache: 'no-store',
        keepalive: options.keepalive ?? false,
        headers: {
          ...this.headers(),
          // Refusals come back in the language the signer reads the page in.
          'accept-language': language(),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new ApiError(0, 'network', {});
    }
    if (response.status === 204) return undefined as T;
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) throw new ApiError(response.status, typeof json.code === 'string' ? json.code : `http-${response.status}`, json);
    return json as T;
  }

  view(): Promise<SignLinkView> {
    return this.request('GET', '');
  }

  async verify(input: { password: string } | { otp: string }): Promise<{ verified: boolean; remaining: string[] }> {
    const answer = await this.request<{ verified: boolean; remaining: string[]; session: string }>('POST', '/verify', input);
    this.session = answer.session;
    return answer;
  }

  sendCode(): Promise<{ mobile_number: string; expires_at: string; resend_after: number }> {
    return this.request('POST', '/otp');
  }

  start(): Promise<void> {
    return this.request('POST', '/start');
  }

  /** Saves what the signer filled in so far (`leaving`: the page is going away, the request outlives it). */
  saveDraft(fields: { field_name: string; field_value: string }[], leaving = false): Promise<void> {
    return this.request('PUT', '/draft', { fields }, { keepalive: leaving });
  }

  complete(body: {
    command: 'CF' | 'RT';
    opinion: string;
    fields: { field_name: string; field_value: string }[];
  }): Promise<{ result: CompleteResult; workflow_status: string }> {
    return this.request('POST', '/complete', body);
  }
}
