// A console session over HTTP, as the console page holds one: the session cookie, and the CSRF
// token sent back with every change.
export interface ConsoleResponse {
  status: number;
  json: any;
  headers: Headers;
}

export interface ConsoleClient {
  cookie: string;
  csrf: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ConsoleResponse>;
  get(path: string): Promise<ConsoleResponse>;
  post(path: string, body?: unknown): Promise<ConsoleResponse>;
  put(path: string, body: unknown): Promise<ConsoleResponse>;
  delete(path: string): Promise<ConsoleResponse>;
}

export async function consoleFetch(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ConsoleResponse> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    redirect: 'manual',
  });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, json, headers: response.headers };
}

/** The cookie's name=value from a Set-Cookie header. */
export const cookieOf = (setCookie: string | null) => (setCookie ?? '').split(';')[0]!;

export async function consoleLogin(base: string, company: string, email: string, password: string): Promise<ConsoleClient> {
  const login = await consoleFetch(base, 'POST', '/console/api/login', { body: { company, email, password } });
  if (login.status !== 200) throw new Error(`console login failed: ${login.status} ${JSON.stringify(login.json)}`);
  const cookie = cookieOf(login.headers.get('set-cookie'));
  const csrf = login.json.csrf_token as string;
  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    consoleFetch(base, method, path, {
      ...(body !== undefined ? { body } : {}),
      headers: { cookie, ...(method !== 'GET' ? { 'x-dojang-csrf': csrf } : {}), ...headers },
    });
  return {
    cookie,
    csrf,
    request,
    get: (path) => request('GET', path),
    post: (path, body = {}) => request('POST', path, body),
    put: (path, body) => request('PUT', path, body),
    delete: (path) => request('DELETE', path),
  };
}
