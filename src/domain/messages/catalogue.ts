// Every message a service says to a caller, by key, in Korean, English and Japanese. `{name}`
// is a value put in where the message is said; `{n, plural, one {…} other {…}}` chooses by the
// language's plural rules (domain/message-format.ts). Grouped by what they are about; a key is
// unique across the groups (catalogue.test.ts).
import type { Localized } from '../localized.ts';
import { apiMessages } from './api-messages.ts';
import { consoleMessages } from './console-messages.ts';
import { documentMessages } from './document-messages.ts';
import { esignonMessages } from './esignon-messages.ts';
import { exportMessages } from './export-messages.ts';
import { fieldMessages } from './field-messages.ts';
import { requestMessages } from './request-messages.ts';
import { signingMessages } from './signing-messages.ts';
import { templateMessages } from './template-messages.ts';
import { workflowMessages } from './workflow-messages.ts';

export const MESSAGE_GROUPS = {
  requestMessages,
  fieldMessages,
  workflowMessages,
  signingMessages,
  consoleMessages,
  documentMessages,
  esignonMessages,
  apiMessages,
  exportMessages,
  templateMessages,
} as const;

export const MESSAGES = {
  ...requestMessages,
  ...fieldMessages,
  ...workflowMessages,
  ...signingMessages,
  ...consoleMessages,
  ...documentMessages,
  ...esignonMessages,
  ...apiMessages,
  ...exportMessages,
  ...templateMessages,
} as const satisfies Record<string, Localized>;
