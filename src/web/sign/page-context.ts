// What every view of the signing page shares: the API client, the root element, and how to
// go on (reload the link's state, tell the parent frame).
import type { EmbedEvent } from './embed-messages.ts';
import type { SignApiClient, SignLinkView } from './sign-api-client.ts';

export interface PageContext {
  root: HTMLElement;
  api: SignApiClient;
  /** Asks the server again and shows whatever state the link is in now. */
  reload(): Promise<void>;
  tell(event: EmbedEvent, view: SignLinkView | null, extra?: Record<string, string>): void;
}
