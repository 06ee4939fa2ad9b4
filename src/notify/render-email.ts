// Lays out an email's words (email-copy.ts) as an HTML part and a plain-text part.
// The HTML is a single-column table with inline styles only: what Outlook, Gmail and the
// Korean webmail clients (Naver, Daum) all render the same way. Every interpolated value
// is escaped; URLs are http(s) only (checked by the message schema) and escaped as attributes.

import { escapeHtml } from '../html/escape-html.ts';
import { emailCopy, type EmailCopy } from './email-copy.ts';
import type { NotificationMessage } from './message.ts';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function renderEmail(message: NotificationMessage): RenderedEmail {
  const copy = emailCopy(message);
  return {
    subject: copy.subject,
    html: renderHtml(copy, message),
    text: renderText(copy),
  };
}

/** Escaped, with the writer's line breaks kept. */
function escapeMultiline(value: string): string {
  return escapeHtml(value).replace(/\r\n|\r|\n/g, '<br>');
}

const FONT =
  "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI','Apple SD Gothic Neo','Malgun Gothic','맑은 고딕'," +
  "'Hiragino Sans','Yu Gothic',Meiryo,Helvetica,Arial,sans-serif;";
const ACCENT = '#b3261e'; // the red of a 도장 seal
const TEXT = '#1f2328';
const MUTED = '#5f6670';
const BORDER = '#e3e5e8';

function paragraph(html: string): string {
  return `<p style="margin:0 0 16px 0;${FONT}font-size:16px;line-height:1.6;color:${TEXT};">${html}</p>`;
}

function highlightBlock(value: string): string {
  return (
    `<p style="margin:8px 0 24px 0;font-family:Menlo,Consolas,'Courier New',monospace;font-size:32px;` +
    `font-weight:bold;letter-spacing:6px;color:${TEXT};">${escapeHtml(value)}</p>`
  );
}

function noticeBlock(notice: NonNullable<EmailCopy['notice']>): string {
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 20px 0;">` +
    `<tr><td style="padding:12px 16px;background-color:#fdf3f2;border-left:4px solid ${ACCENT};${FONT}` +
    `font-size:15px;line-height:1.6;color:${TEXT};">` +
    `<strong style="display:block;margin-bottom:4px;color:${ACCENT};">${escapeHtml(notice.title)}</strong>` +
    `${escapeMultiline(notice.text)}</td></tr></table>`
  );
}

function detailsTable(details: EmailCopy['details']): string {
  const rows = details
    .map(
      ({ label, value }) =>
        `<tr><td valign="top" style="padding:8px 12px 8px 0;width:30%;${FONT}font-size:14px;color:${MUTED};` +
        `border-bottom:1px solid ${BORDER};white-space:nowrap;">${escapeHtml(label)}</td>` +
        `<td valign="top" style="padding:8px 0;${FONT}font-size:15px;color:${TEXT};` +
        `border-bottom:1px solid ${BORDER};">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" ` +
    `style="margin:8px 0 24px 0;border-top:1px solid ${BORDER};">${rows}</table>`
  );
}

function quoteBlock(quote: NonNullable<EmailCopy['quote']>): string {
  return (
    `<p style="margin:0 0 6px 0;${FONT}font-size:14px;color:${MUTED};">${escapeHtml(quote.label)}</p>` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 24px 0;">` +
    `<tr><td style="padding:12px 16px;background-color:#f6f7f9;border-left:4px solid #c9ced6;${FONT}` +
    `font-size:15px;line-height:1.6;color:${TEXT};">${escapeMultiline(quote.text)}</td></tr></table>`
  );
}

// A "bulletproof" button: a coloured table cell around a padded link, so the whole
// area is clickable where clients support it and a plain link where they don't.
function button(action: EmailCopy['actions'][number]): string {
  const href = escapeHtml(action.url);
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px 0;">` +
    `<tr><td align="center" bgcolor="${ACCENT}" style="border-radius:6px;background-color:${ACCENT};">` +
    `<a href="${href}" target="_blank" rel="noopener" style="display:inline-block;padding:14px 28px;${FONT}` +
    `font-size:16px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:6px;">` +
    `${escapeHtml(action.label)}</a></td></tr></table>`
  );
}

function secondaryLink(action: EmailCopy['actions'][number]): string {
  return paragraph(
    `<a href="${escapeHtml(action.url)}" target="_blank" rel="noopener" ` +
      `style="color:${ACCENT};text-decoration:underline;">${escapeHtml(action.label)}</a>`,
  );
}

function rawLinks(copy: EmailCopy): string {
  if (copy.linkHelp === null || copy.actions.length === 0) return '';
  const urls = copy.actions
    .map(
      (action) =>
        `<a href="${escapeHtml(action.url)}" target="_blank" rel="noopener" ` + `style="color:${MUTED};word-break:break-all;">${escapeHtml(action.url)}</a>`,
    )
    .join('<br>');
  return (
    `<p style="margin:0 0 8px 0;${FONT}font-size:13px;line-height:1.5;color:${MUTED};">${escapeHtml(copy.linkHelp)}</p>` +
    `<p style="margin:0 0 8px 0;${FONT}font-size:13px;line-height:1.5;color:${MUTED};">${urls}</p>`
  );
}

function renderHtml(copy: EmailCopy, message: NotificationMessage): string {
  const [firstAction, ...otherActions] = copy.actions;
  const body = [
    copy.greeting === null ? '' : paragraph(escapeHtml(copy.greeting)),
    ...copy.paragraphs.map((text) => paragraph(escapeMultiline(text))),
    copy.highlight === null ? '' : highlightBlock(copy.highlight),
    copy.notice === null ? '' : noticeBlock(copy.notice),
    copy.details.length === 0 ? '' : detailsTable(copy.details),
    copy.quote === null ? '' : quoteBlock(copy.quote),
    firstAction === undefined ? '' : button(firstAction),
    ...otherActions.map(secondaryLink),
    rawLinks(copy),
  ].join('');
  const footer = copy.footer
    .map((line) => `<p style="margin:0 0 6px 0;${FONT}font-size:12px;line-height:1.5;color:${MUTED};">${escapeHtml(line)}</p>`)
    .join('');
  const sender = message.companyName || 'Dojang';

  return `<!DOCTYPE html>
<html lang="${message.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(copy.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f5f7;">
<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;color:transparent;mso-hide:all;">${escapeHtml(copy.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;border:1px solid ${BORDER};">
<tr><td style="padding:18px 32px;border-top:4px solid ${ACCENT};border-bottom:1px solid ${BORDER};${FONT}font-size:15px;font-weight:bold;color:${TEXT};">${escapeHtml(sender)}</td></tr>
<tr><td style="padding:28px 32px 12px 32px;">${body}</td></tr>
<tr><td style="padding:16px 32px 24px 32px;border-top:1px solid ${BORDER};background-color:#fafbfc;">${footer}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

function renderText(copy: EmailCopy): string {
  const blocks: string[] = [];
  if (copy.greeting !== null) blocks.push(copy.greeting);
  blocks.push(...copy.paragraphs);
  if (copy.highlight !== null) blocks.push(`    ${copy.highlight}`);
  if (copy.notice !== null) blocks.push(`[${copy.notice.title}]\n${copy.notice.text}`);
  if (copy.details.length > 0) blocks.push(copy.details.map(({ label, value }) => `${label}: ${value}`).join('\n'));
  if (copy.quote !== null) {
    blocks.push(
      `${copy.quote.label}:\n${copy.quote.text
        .split(/\r\n|\r|\n/)
        .map((line) => `> ${line}`)
        .join('\n')}`,
    );
  }
  for (const action of copy.actions) blocks.push(`${action.label}:\n${action.url}`);
  if (copy.footer.length > 0) blocks.push(`--\n${copy.footer.join('\n')}`);
  return `${blocks.join('\n\n')}\n`;
}
