// Which changes export, and with what processid/actionid/worktype/status:
// templates of 1, 2 and 3 steps, ALL and StartAndEnd, approvals, returns and cancels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../src/exports/test-support/start-receiver.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate, players } from './support/templates.ts';
import { waitFor } from './support/wait-for.ts';

type Move = ['CF' | 'RT', number] | ['CANCEL'];

/** Each scenario: the moves, and what ALL exports: [actionid, worktype, status] per event. */
const SCENARIOS: { steps: number; moves: Move[]; all: [string, string, string][] }[] = [
  { steps: 1, moves: [['CF', 1]], all: [['1', 'CF', 'Complete']] },
  { steps: 1, moves: [['RT', 1]], all: [['1', 'RT', 'Canceled']] },
  { steps: 1, moves: [['CANCEL']], all: [['', 'CANCEL', 'Canceled']] },
  {
    steps: 2,
    moves: [
      ['CF', 1],
      ['CF', 2],
    ],
    all: [
      ['1', 'CF', 'Playing'],
      ['2', 'CF', 'Complete'],
    ],
  },
  {
    steps: 2,
    moves: [
      ['CF', 1],
      ['RT', 2],
      ['RT', 1],
    ],
    all: [
      ['1', 'CF', 'Playing'],
      ['2', 'RT', 'Playing'],
      ['1', 'RT', 'Canceled'],
    ],
  },
  {
    steps: 2,
    moves: [['CF', 1], ['CANCEL']],
    all: [
      ['1', 'CF', 'Playing'],
      ['', 'CANCEL', 'Canceled'],
    ],
  },
  {
    steps: 3,
    moves: [
      ['CF', 1],
      ['CF', 2],
      ['RT', 3],
      ['CF', 2],
      ['CF', 3],
    ],
    all: [
      ['1', 'CF', 'Playing'],
      ['2', 'CF', 'Playing'],
      ['3', 'RT', 'Playing'],
      ['2', 'CF', 'Playing'],
      ['3', 'CF', 'Complete'],
    ],
  },
  {
    steps: 3,
    moves: [['CF', 1], ['RT', 2], ['CF', 1], ['CF', 2], ['CANCEL']],
    all: [
      ['1', 'CF', 'Playing'],
      ['2', 'RT', 'Playing'],
      ['1', 'CF', 'Playing'],
      ['2', 'CF', 'Playing'],
      ['', 'CANCEL', 'Canceled'],
    ],
  },
];

/** StartAndEnd: the first action, and the event that ends the workflow; one when they coincide. */
function startAndEnd(all: [string, string, string][]): [string, string, string][] {
  const last = all.at(-1)!;
  const ended = last[2] !== 'Playing';
  return all.length > 1 && ended ? [all[0]!, last] : [all[0]!];
}

describe.each(testDatabases())('export sequences on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let receiver: Receiver;
  const templates: Record<number, string> = {};

  beforeAll(async () => {
    server = await startTestServer(kind);
    acme = await server.company('acme');
    receiver = await startReceiver();
    for (const steps of [1, 2, 3]) templates[steps] = await createTestTemplate(acme, steps);
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
  });

  const cases = SCENARIOS.flatMap((s) =>
    (['ALL', 'StartAndEnd'] as const).map((apiType) => ({ ...s, apiType, expected: apiType === 'ALL' ? s.all : startAndEnd(s.all) })),
  );

  it.each(cases)('$steps steps, $apiType: $moves', async ({ steps, moves, apiType, expected }) => {
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '순서',
      doc_id: templates[steps],
      player_list: players(steps),
      export_api_info: { api_type: apiType, url: `${receiver.origin}/hook`, request_code: 'seq' },
    });
    const id = json.body.workflow_id as string;
    for (const move of moves) {
      const answer =
        move[0] === 'CANCEL'
          ? await acme.esignon('/JEDOC/Common.do', '1510Q', { workflow_id: id, command: 'CANCEL', description: '' })
          : await acme.esignon('/api/acme/action', '5010Q', {
              memb_email: `signer${move[1]}@example.com`,
              action_id: String(move[1]),
              workflow_id: id,
              command: move[0],
              comment: move[0] === 'RT' ? '반려' : '',
              field_list: move[0] === 'CF' ? [{ field_name: `name_${move[1]}`, field_value: '이름' }] : [],
            });
      expect(answer.json.header.result_code, JSON.stringify(move)).toBe('00');
    }
    const mine = () => receiver.requests.map((r) => JSON.parse(r.body.toString()).body).filter((b) => b.wfuid === id);
    await waitFor(() => mine().length >= expected.length, `${expected.length} exports`);
    await new Promise((r) => setTimeout(r, 150));
    const got = mine();
    expect(got.map((b) => [b.actionid, b.worktype, b.status])).toEqual(expected);
    expect(got.map((b) => b.processid)).toEqual(expected.map((_, i) => String(i + 1)));
    for (const body of got) {
      expect(body.useremail).toBe(body.worktype === 'CANCEL' ? acme.email : `signer${body.actionid}@example.com`);
      expect(body.opinion).toBe(body.worktype === 'RT' ? '반려' : '');
    }
  });
});
