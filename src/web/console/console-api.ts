// The console page's side of /console/api: the session cookie goes along by itself, the CSRF
// token of the session goes with every change. The answers' shapes are the types the server's
// services return (console/console-answers.ts, http/v1/delivery-answers.ts; erased from the
// bundle), so the two cannot drift.
import { language } from '../shared/i18n.ts';
import type {
  ApiToken,
  CompanyMember,
  ConsoleField,
  ConsoleTemplate,
  ContractRow,
  ContractView,
  EditorTextTags,
  TemplateSummary,
} from '../../console/console-answers.ts';
import type { ExportEvent, NotificationEntry, WebhookSecret } from '../../http/v1/delivery-answers.ts';

export type {
  ApiToken,
  CompanyMember,
  ConsoleField,
  ConsoleTemplate,
  ContractRow,
  ContractView,
  EditorTextTags,
  ExportEvent,
  NotificationEntry,
  TemplateSummary,
  WebhookSecret,
};

export interface SessionInfo {
  company: { id: string; name: string };
  member: { name: string; email: string; role: 'admin' | 'member' };
  csrf_token: string;
  expires_at: string;
}

export interface Problem {
  field: string;
  message: string;
}

/** An answer other than 2xx: status 0 when the server was not reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly problems: Problem[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export class ConsoleApi {
  private csrf: string | null = null;
  /** Called when the session has ended (401): the page shows the login again. */
  onSessionEnded: () => void = () => {};

  async request<T>(method: string, path: string, body?: unknown, query: Query = {}): Promise<T> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
    const url = `/console/api${path}${search.toString() !== '' ? `?${search}` : ''}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: {
          // Refusals come back in the language the console is shown in.
          'accept-language': language(),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(method !== 'GET' && this.csrf ? { 'x-dojang-csrf': this.csrf } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new ApiError(0, 'network', 'network');
    }
    if (response.status === 204) return undefined as T;
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      if (response.status === 401 && path !== '/login' && path !== '/session') this.onSessionEnded();
      const problems = Array.isArray(json.errors) ? (json.errors as Problem[]) : [];
      throw new ApiError(response.status, String(json.title ?? `http-${response.status}`), String(json.detail ?? response.statusText), problems, json);
    }
    return json as T;
  }

  async session(): Promise<SessionInfo> {
    const session = await this.request<SessionInfo>('GET', '/session');
    this.csrf = session.csrf_token;
    return session;
  }

  async login(company: string, email: string, password: string): Promise<SessionInfo> {
    const session = await this.request<SessionInfo>('POST', '/login', { company, email, password });
    this.csrf = session.csrf_token;
    return session;
  }

  async logout(): Promise<void> {
    await this.request('POST', '/logout');
    this.csrf = null;
  }

  get = <T>(path: string, query: Query = {}) => this.request<T>('GET', path, undefined, query);
  post = <T>(path: string, body: unknown = {}) => this.request<T>('POST', path, body);
  put = <T>(path: string, body: unknown) => this.request<T>('PUT', path, body);
  delete = (path: string) => this.request<void>('DELETE', path);
}

export const api = new ConsoleApi();
