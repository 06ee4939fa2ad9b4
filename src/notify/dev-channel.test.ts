import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DevChannel } from './dev-channel.ts';
import type { NotificationMessage } from './message.ts';
import { SAMPLE_SIGNING_URL, sampleMessages } from './sample-messages.ts';

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

describe('DevChannel', () => {
  it('logs the message with its link and keeps it', async () => {
    const { logger, lines } = capturingLogger();
    const channel = new DevChannel(logger);
    const [message] = sampleMessages('ko-KR') as [NotificationMessage];

    const result = await channel.send(message);

    expect(result).toMatchObject({ ok: true, channel: 'dev', providerId: 'dev-1' });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.msg).toContain(SAMPLE_SIGNING_URL);
    expect(lines[0]?.msg).toContain('김철수 <kim@example.com>');
    expect(lines[0]?.notification).toMatchObject({ kind: 'sign-request', link: SAMPLE_SIGNING_URL });

    const [kept] = channel.recent();
    expect(kept).toMatchObject({ id: 'dev-1', link: SAMPLE_SIGNING_URL, subject: "[도장상사] '근로계약서' 서명 요청", message });
    expect(kept?.text).toContain(SAMPLE_SIGNING_URL);
  });

  it('shows a one-time code in the log', async () => {
    const { logger, lines } = capturingLogger();
    const otp = sampleMessages('en-US').find((message) => message.kind === 'otp') as NotificationMessage;
    await new DevChannel(logger).send(otp);
    expect(lines[0]?.msg).toContain('code 482913');
  });

  it('keeps the last 100, oldest first', async () => {
    const channel = new DevChannel(pino({ level: 'silent' }));
    const [message] = sampleMessages('ja-JP') as [NotificationMessage];
    for (let index = 0; index < 105; index++) await channel.send(message);
    const recent = channel.recent();
    expect(recent).toHaveLength(100);
    expect(recent[0]?.id).toBe('dev-6');
    expect(recent.at(-1)?.id).toBe('dev-105');
  });
});
