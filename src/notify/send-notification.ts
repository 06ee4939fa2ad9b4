// The one entry point the notification worker uses: `send(message)` picks the channel by
// identity, sends, and reports every attempt. It never throws and never retries; the
// worker records the result with the job and schedules retries when `retryable`.

import type { Logger } from 'pino';
import { chooseChannel, type AvailableChannels } from './choose-channel.ts';
import { resultOf, timedAttempt, type DeliveryErrorCode, type DeliveryResult } from './delivery-result.ts';
import { DevChannel, type DevChannelOptions } from './dev-channel.ts';
import { EmailChannel, type EmailChannelOptions } from './email-channel.ts';
import type { NotificationMessage } from './message.ts';
import type { NotifyConfig } from './notify-config.ts';
import { SolapiChannel, type SolapiChannelOptions } from './solapi-channel.ts';

export interface NotificationSender {
  send(message: NotificationMessage): Promise<DeliveryResult>;
  close(): Promise<void>;
}

export interface NotificationRoutes {
  email: 'smtp' | 'dev';
  mobile: 'alimtalk+sms' | 'sms' | 'dev';
}

export interface CreateNotificationSenderOptions {
  config: NotifyConfig;
  /** Receives the development channel's messages. */
  logger: Pick<Logger, 'info'>;
  email?: EmailChannelOptions;
  solapi?: SolapiChannelOptions;
  dev?: DevChannelOptions;
}

export class DojangNotificationSender implements NotificationSender {
  /** Always present: unconfigured identities land here, and `recent()` shows them. */
  readonly dev: DevChannel;
  /** For the start banner: where each kind of identity goes. */
  readonly routes: NotificationRoutes;
  private readonly channels: AvailableChannels;

  constructor(options: CreateNotificationSenderOptions) {
    const { config } = options;
    this.dev = new DevChannel(options.logger, options.dev);
    this.channels = {
      email: config.smtp ? new EmailChannel(config.smtp, options.email) : null,
      mobile: config.solapi ? new SolapiChannel(config.solapi, options.solapi) : null,
      dev: this.dev,
    };
    const alimtalk = config.solapi !== null && config.solapi.pfId !== null && Object.keys(config.solapi.templates).length > 0;
    this.routes = {
      email: config.smtp ? 'smtp' : 'dev',
      mobile: config.solapi ? (alimtalk ? 'alimtalk+sms' : 'sms') : 'dev',
    };
  }

  async send(message: NotificationMessage): Promise<DeliveryResult> {
    try {
      const channel = chooseChannel(message.to.identity, this.channels);
      if (channel === null) {
        return failure(`neither an email address nor a Korean mobile number: ${message.to.identity}`, 'invalid-identity');
      }
      return await channel.send(message);
    } catch (error) {
      // Channels don't throw; this is the last guard so a bug (or a payload that skipped
      // parseNotificationMessage) can't take the worker down.
      return failure(`internal error: ${error instanceof Error ? error.message : String(error)}`, 'internal-error');
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.channels.email?.close(), this.channels.mobile?.close(), this.dev.close()]);
  }
}

async function failure(error: string, errorCode: DeliveryErrorCode): Promise<DeliveryResult> {
  const attempt = await timedAttempt('none', async () => ({ ok: false, error, errorCode, retryable: false }));
  return resultOf([attempt]);
}

export function createNotificationSender(options: CreateNotificationSenderOptions): DojangNotificationSender {
  return new DojangNotificationSender(options);
}
