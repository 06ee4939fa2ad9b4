// Writes test/fixtures/esignon-examples.json from a copy of eSignon's published API pages (the
// folder holding their kor/ and eng/ Markdown): each page's call, body parameter names and JSON
// examples, which test/reference-examples.test.ts sends to a real Dojang. The repository keeps the
// extracted facts, not the pages; run this again when the pages change and review the diff.
//
//   npx tsx scripts/extract-esignon-examples.ts <dir-with-the-pages>
import fs from 'node:fs';
import path from 'node:path';
import { esignonPageFiles, readEsignonPage } from '../test/support/read-esignon-page.ts';
import { FIXTURE, type ExamplesFixture } from '../test/support/reference-pages.ts';

const dir = process.argv[2];
if (!dir || !fs.existsSync(path.join(dir, 'kor')) || !fs.existsSync(path.join(dir, 'eng'))) {
  console.error('usage: npx tsx scripts/extract-esignon-examples.ts <dir-with-the-pages>  (the folder holding kor/ and eng/)');
  process.exit(2);
}

const fixture: ExamplesFixture = {
  about:
    'eSignon\'s published API pages as the tests use them, written by `npx tsx scripts/extract-esignon-examples.ts <dir-with-the-pages>`: do not edit by hand. A value {"$any": …} is one the page shows without saying its type.',
  pages: esignonPageFiles(dir).map((file) => readEsignonPage(dir, file)),
};
fs.mkdirSync(path.dirname(FIXTURE), { recursive: true });
fs.writeFileSync(FIXTURE, `${JSON.stringify(fixture, null, 2)}\n`);
const examples = fixture.pages.reduce((n, page) => n + page.examples.length, 0);
console.log(`${path.relative(process.cwd(), FIXTURE)}: ${fixture.pages.length} pages, ${examples} examples`);
