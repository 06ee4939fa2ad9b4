// What the console's browser test checks on every page: no request leaves the allowed origins,
// nothing unexpected is logged, axe-core finds no serious or critical violation.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

export { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.ts';

export interface Watched {
  offOrigin: string[];
  /** Console errors and warnings, and uncaught page errors. */
  problems: { text: string; url: string }[];
}

export function watchContext(context: BrowserContext, allowedOrigins: string[]): Watched {
  const watched: Watched = { offOrigin: [], problems: [] };
  void context.route('**/*', async (route) => {
    const url = route.request().url();
    if (allowedOrigins.includes(new URL(url).origin)) return route.continue();
    watched.offOrigin.push(url);
    return route.abort();
  });
  context.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      watched.problems.push({ text: `${message.type()}: ${message.text()}`, url: message.location().url });
  });
  context.on('weberror', (error) => watched.problems.push({ text: `pageerror: ${error.error().message}`, url: '' }));
  return watched;
}

let axeSource: Promise<string> | null = null;

/** Runs axe-core on the page; fails on serious and critical violations, prints the rest. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  axeSource ??= readFile(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(await axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  for (const v of result.violations) console.log(`axe ${label}: ${v.impact} ${v.id} ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    `axe on ${label}`,
  ).toEqual([]);
}
