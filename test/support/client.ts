// The typed client (src/client/dojang-client.ts) for a test company, and a clock tests can move.
import { DojangClient } from '../../src/client/dojang-client.ts';
import type { TestCompany, TestServer } from './dojang-server.ts';

export const clientFor = (server: TestServer, company: TestCompany) => new DojangClient({ baseUrl: server.url, token: company.token });

/** A clock that stands still until moved: `clock.set('2026-03-01T00:00:00Z')`, `clock.advance(60_000)`. */
export function movableClock(start: string) {
  let now = new Date(start);
  const clock = () => new Date(now.getTime());
  clock.set = (iso: string) => {
    now = new Date(iso);
  };
  clock.advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  return clock;
}
