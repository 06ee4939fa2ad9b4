// Text tags benchmark: reading the tags of a 50-page generated contract (four tags a page, in a
// Korean font subset as Dojang draws it: manyPageContract in src/templates/test-support/
// tagged-pdfs.ts), against loading the same PDF with pdf.js alone, in the same run.
//
//  - tags: what POST /api/v1/templates and /contracts run on a PDF worker (templates/
//    read-text-tags.ts): every glyph placed from the content streams, the tags read and checked,
//    pdf.js's own text as a cross-check, the tags taken out and the PDF saved.
//  - pdf.js text: getDocument and getTextContent of every page, nothing else (what any text
//    reading of the PDF costs at least: the floor the tags' reading is measured against).
//  - pdf.js open: getDocument and numPages only.
//
// Each is run in a process of its own (so its peak memory is its own: maxRSS), cold once and then
// RUNS times warm, the processes taking turns ROUNDS times. Times are medians over the rounds.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fixed, median, table } from './support/stats.ts';

const PAGES = 50;
const RUNS = 5;
const ROUNDS = 3;
const TASKS = ['tags', 'pdf.js text', 'pdf.js open'] as const;
type Task = (typeof TASKS)[number];

interface Measured {
  cold: number;
  warm: number;
  maxRssMiB: number;
  heapMiB: number;
}

async function runTask(task: Task, file: string): Promise<Measured> {
  const pdf = new Uint8Array(await fs.readFile(file));
  const run = await taskRunner(task);
  const times: number[] = [];
  let heap = 0;
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    await run(pdf);
    times.push(performance.now() - started);
    heap = Math.max(heap, process.memoryUsage().heapUsed);
  }
  return { cold: times[0]!, warm: median(times.slice(1)), maxRssMiB: process.resourceUsage().maxRSS / 1024, heapMiB: heap / 1024 / 1024 };
}

async function taskRunner(task: Task): Promise<(pdf: Uint8Array) => Promise<unknown>> {
  if (task === 'tags') {
    const { readTextTags } = await import('../src/templates/read-text-tags.ts');
    const { DEFAULT_PDF_LIMITS } = await import('../src/pdf/pdf-limits.ts');
    return async (pdf) => {
      const reading = await readTextTags({ pdf, limits: DEFAULT_PDF_LIMITS, steps: 2 });
      if (reading.fields.length !== PAGES * 4 || reading.problems.length > 0) throw new Error(`expected ${PAGES * 4} boxes, got ${reading.fields.length}`);
    };
  }
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { pdfjsSource } = await import('../src/pdf/pdfjs-resources.ts');
  return async (pdf) => {
    const loading = getDocument(pdfjsSource(pdf));
    try {
      const doc = await loading.promise;
      if (task === 'pdf.js text') {
        for (let number = 1; number <= doc.numPages; number++) {
          const page = await doc.getPage(number);
          await page.getTextContent();
          page.cleanup();
        }
      } else if (doc.numPages !== PAGES) throw new Error(`expected ${PAGES} pages`);
    } finally {
      await loading.destroy();
    }
  };
}

async function main(): Promise<void> {
  const [, , role, taskName, taskFile] = process.argv;
  if (role === '--task') {
    process.stdout.write(JSON.stringify(await runTask(taskName as Task, taskFile!)));
    return;
  }
  const { manyPageContract } = await import('../src/templates/test-support/tagged-pdfs.ts');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dojang-tags-bench-'));
  const file = path.join(dir, 'contract.pdf');
  const pdf = await manyPageContract(PAGES);
  await fs.writeFile(file, pdf);
  const results = new Map<Task, Measured[]>(TASKS.map((t) => [t, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const task of TASKS) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--task', task, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (child.status !== 0) throw new Error(`${task}: ${child.stderr}`);
      results.get(task)!.push(JSON.parse(child.stdout) as Measured);
    }
  }
  await fs.rm(dir, { recursive: true, force: true });

  const summary = (task: Task) => {
    const list = results.get(task)!;
    return {
      cold: median(list.map((m) => m.cold)),
      warm: median(list.map((m) => m.warm)),
      rss: median(list.map((m) => m.maxRssMiB)),
      heap: median(list.map((m) => m.heapMiB)),
    };
  };
  const floor = summary('pdf.js text');
  console.log(
    `A ${PAGES}-page contract, ${(pdf.length / 1024).toFixed(0)} KiB, ${PAGES * 4} tags; each task in its own process, ${ROUNDS} rounds, ${RUNS} warm runs each.\n`,
  );
  console.log(
    table(
      ['task', 'cold ms', 'warm ms', 'warm × pdf.js text', 'peak RSS MiB', 'RSS × pdf.js text', 'heap MiB'],
      TASKS.map((task) => {
        const s = summary(task);
        return [
          task,
          fixed(s.cold, 0),
          fixed(s.warm, 0),
          `${fixed(s.warm / floor.warm, 2)}×`,
          fixed(s.rss, 0),
          `${fixed(s.rss / floor.rss, 2)}×`,
          fixed(s.heap, 0),
        ];
      }),
    ),
  );
  console.log(
    "\nPeak RSS is the whole process: Node with tsx is about 70 MiB, and importing pdf.js's legacy build (which every task loads) takes it to about 230 MiB before any PDF is opened.",
  );
}

await main();
