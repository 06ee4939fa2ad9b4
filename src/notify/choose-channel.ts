// Which channel carries a message is decided by the recipient's identity alone:
// an email address gets email, a mobile number gets AlimTalk with SMS fallback; a kind of
// identity whose channel is not configured goes to the development channel.

import type { NotificationChannel } from './delivery-result.ts';
import { classifyIdentity } from '../domain/identity.ts';

export interface AvailableChannels {
  email: NotificationChannel | null;
  mobile: NotificationChannel | null;
  dev: NotificationChannel;
}

/** null when the identity is neither an email address nor a Korean mobile number. */
export function chooseChannel(identity: string, channels: AvailableChannels): NotificationChannel | null {
  switch (classifyIdentity(identity).kind) {
    case 'email':
      return channels.email ?? channels.dev;
    case 'mobile':
      return channels.mobile ?? channels.dev;
    case 'invalid':
      return null;
  }
}
