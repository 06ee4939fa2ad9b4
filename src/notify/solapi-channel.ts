// Mobile numbers: KakaoTalk AlimTalk through SOLAPI, falling back to SMS/LMS when AlimTalk
// fails. A failure comes at one of two moments. SOLAPI refuses the AlimTalk when it
// is sent (a template or variable problem, no channel): Dojang sends the SMS/LMS itself, in the
// recipient's language, and records both attempts. Or SOLAPI accepts it and KakaoTalk cannot
// deliver it later (the number has no KakaoTalk, the channel is blocked): only SOLAPI learns of
// that, so it is asked to replace the AlimTalk with SMS/LMS itself (`disableSms: false`); the
// attempt says so. A situation without an AlimTalk template (or no KakaoTalk channel at all)
// goes straight to SMS/LMS.

import { resultOf, timedAttempt, type DeliveryAttempt, type DeliveryResult, type NotificationChannel } from './delivery-result.ts';
import { classifyIdentity } from '../domain/identity.ts';
import type { NotificationMessage } from './message.ts';
import type { SolapiConfig } from './notify-config.ts';
import { renderAlimtalk, renderSms } from './render-text-message.ts';
import { sendSolapiMessage, type SendSolapiMessageOptions, type SolapiMessage } from './send-solapi-message.ts';

export type SolapiChannelOptions = SendSolapiMessageOptions;

export class SolapiChannel implements NotificationChannel {
  constructor(
    private readonly config: SolapiConfig,
    private readonly options: SolapiChannelOptions = {},
  ) {}

  async send(message: NotificationMessage): Promise<DeliveryResult> {
    const identity = classifyIdentity(message.to.identity);
    if (identity.kind !== 'mobile') {
      const attempt = await timedAttempt('sms', async () => ({
        ok: false,
        error: `not a Korean mobile number: ${message.to.identity}`,
        errorCode: 'invalid-identity',
        retryable: false,
      }));
      return resultOf([attempt]);
    }

    const attempts: DeliveryAttempt[] = [];
    const alimtalk = this.alimtalkMessage(message, identity.mobile);
    if (alimtalk !== null) {
      const attempt = await timedAttempt('alimtalk', async () => {
        const outcome = await sendSolapiMessage(this.config, alimtalk, this.options);
        return outcome.ok ? { ...outcome, detail: { ...outcome.detail, undelivered: 'SOLAPI sends it as SMS/LMS instead' } } : outcome;
      });
      attempts.push(attempt);
      if (attempt.ok) return resultOf(attempts);
    }
    attempts.push(await timedAttempt('sms', () => this.sendSms(message, identity.mobile)));
    return resultOf(attempts);
  }

  private alimtalkMessage(message: NotificationMessage, mobile: string): SolapiMessage | null {
    const content = renderAlimtalk(message);
    const templateId = this.config.templates[content.templateKey];
    if (this.config.pfId === null || templateId === undefined) return null;
    return {
      to: mobile,
      from: this.config.sender,
      type: 'ATA',
      kakaoOptions: { pfId: this.config.pfId, templateId, variables: content.variables, disableSms: false },
    };
  }

  private async sendSms(message: NotificationMessage, mobile: string) {
    const sms = renderSms(message);
    const outgoing: SolapiMessage =
      sms.type === 'SMS'
        ? { to: mobile, from: this.config.sender, type: 'SMS', text: sms.text }
        : { to: mobile, from: this.config.sender, type: 'LMS', text: sms.text, subject: sms.subject ?? '' };
    const outcome = await sendSolapiMessage(this.config, outgoing, this.options);
    return { ...outcome, detail: { ...outcome.detail, type: sms.type, language: sms.language } };
  }

  async close(): Promise<void> {}
}
