// The exports bench's ceiling: the two hops an approval's export takes, with nothing done in
// between. A process of its own (as Dojang is) answers every POST at once with a successful
// eSignon answer, then forwards one fixed export body to the receiver through one undici pool,
// `concurrency` at a time, in arrival order: no database, no signing, no validation. Whatever
// Dojang does per approval comes on top of what this costs the machine. Prints its port.
//
//   node --import tsx bench/support/bare-relay.ts '{"url":…,"concurrency":…,"body":…}'
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

interface RelaySpec {
  /** The receiver's URL. */
  url: string;
  concurrency: number;
  /** The export body every request is relayed as. */
  body: string;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as RelaySpec;
const target = new URL(spec.url);
const pool = new Pool(target.origin, { connections: spec.concurrency, pipelining: 1 });
const body = Buffer.from(spec.body, 'utf8');
const headers = { 'content-type': 'application/json; charset=utf-8' };
const answer = JSON.stringify({ header: { request_code: '5010A', result_code: '00', result_msg: '성공' }, body: { comp_id: 'bench' } });
let waiting = 0;
let sending = 0;

function forward(): void {
  while (waiting > 0 && sending < spec.concurrency) {
    waiting--;
    sending++;
    pool
      .request({ method: 'POST', path: target.pathname, headers, body })
      .then((response) => response.body.dump())
      .catch((error: unknown) => process.stderr.write(`relay: ${String(error)}\n`))
      .finally(() => {
        sending--;
        forward();
      });
  }
}

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(answer);
    waiting++;
    forward();
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
