// PDFs with text tags, made the ways users make them, each with the boxes its tags must give:
// drawn with pdf-lib in a Korean font (the coordinates are the ones drawn), printed by Chromium
// from an HTML contract (the tags' places read with getBoundingClientRect), and scanned (an image
// of a page, no text at all).
import { readFile } from 'node:fs/promises';
import { PDFDocument, StandardFonts, degrees, rgb, setCharacterSpacing, type PDFFont } from 'pdf-lib';
import { chromium } from 'playwright-core';
import { embedKoreanFont } from '../../documents/korean-font.ts';
import { renderPngs, withPdfFile } from '../../documents/test-support/poppler.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../test/support/chromium.ts';
import type { TagBox } from '../../domain/text-tags.ts';

const NANUM_GOTHIC = '/usr/share/fonts/truetype/nanum/NanumGothic.ttf';
export const A4 = { width: 595.28, height: 841.89 };

/** A tag as drawn, and the box it must give. */
export interface DrawnTag {
  name: string;
  page: number;
  box: TagBox;
}

export interface TaggedPdf {
  pdf: Uint8Array;
  tags: DrawnTag[];
}

/** NanumGothic embedded whole, through fontkit 2 (as test/sign-support/contract-template.ts does). */
async function embedNanumGothic(doc: PDFDocument): Promise<PDFFont> {
  const fontkitModule: string = 'fontkit';
  doc.registerFontkit((await import(fontkitModule)) as Parameters<PDFDocument['registerFontkit']>[0]);
  return doc.embedFont(await readFile(NANUM_GOTHIC), { subset: false });
}

/** The box pdf-lib's text takes on a page `pageHeight` tall: from the baseline up by the ascent, down by the descent. */
function textBox(pageHeight: number, font: PDFFont, text: string, x: number, baseline: number, size: number): TagBox {
  const ascent = font.heightAtSize(size, { descender: false });
  return { x, y: pageHeight - baseline - ascent, width: font.widthOfTextAtSize(text, size), height: font.heightAtSize(size) };
}

const union = (a: TagBox, b: TagBox): TagBox => {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
};

/**
 * A two-page contract drawn with pdf-lib: tags in the middle of a sentence, alone, in white, in
 * a standard font, split over three runs and two fonts, on a page turned by /Rotate, and inside
 * a form XObject (an embedded page), so every path the reading and the removal take is used.
 */
export async function drawnContract(): Promise<TaggedPdf & { surrounding: string[] }> {
  const doc = await PDFDocument.create();
  const nanum = await embedNanumGothic(doc);
  const helvetica = await doc.embedFont(StandardFonts.Helvetica);
  const tags: DrawnTag[] = [];
  const page = doc.addPage([A4.width, A4.height]);
  const draw = (text: string, x: number, baseline: number, size: number, font = nanum, color = rgb(0.1, 0.1, 0.1)) => {
    page.drawText(text, { x, y: baseline, size, font, color });
    return x + font.widthOfTextAtSize(text, size);
  };
  draw('근로 계약서', 60, 770, 22);
  draw('사용자와 근로자는 다음과 같이 근로 계약을 체결한다.', 60, 730, 11);

  // In the middle of one run: the box starts after the words before it.
  const signTag = '{{근로자 서명;type=sign;step=1;label=근로자 서명}}';
  const before = '근로자 서명: ';
  draw(`${before}${signTag} (인)`, 60, 690, 12);
  tags.push({ name: '근로자 서명', page: 1, box: textBox(A4.height, nanum, signTag, 60 + nanum.widthOfTextAtSize(before, 12), 690, 12) });

  // A standard font (WinAnsi, no embedded font program).
  const amountTag = '{{amount;step=2;required;label=Amount}}';
  draw('Amount:', 60, 650, 10, helvetica);
  draw(amountTag, 110, 650, 10, helvetica);
  tags.push({ name: 'amount', page: 1, box: textBox(A4.height, helvetica, amountTag, 110, 650, 10) });

  // White text: invisible on the page, still a tag.
  const agreeTag = '{{동의;type=check;step=1;required;label=개인정보 수집에 동의합니다}}';
  const agreeX = draw('개인정보 수집에 동의합니다 ', 60, 610, 11);
  draw(agreeTag, agreeX, 610, 11, nanum, rgb(1, 1, 1));
  tags.push({ name: '동의', page: 1, box: textBox(A4.height, nanum, agreeTag, agreeX, 610, 11) });

  // Two radios on one line, and a label.
  const male = '{{남;type=radio;group=성별}}';
  const female = '{{여;type=radio;group=성별}}';
  draw('성별', 60, 570, 11);
  draw(male, 100, 570, 11);
  draw(female, 300, 570, 11);
  tags.push(
    { name: '남', page: 1, box: textBox(A4.height, nanum, male, 100, 570, 11) },
    { name: '여', page: 1, box: textBox(A4.height, nanum, female, 300, 570, 11) },
  );
  const labelTag = '{{회사명;type=label;default=도장 주식회사}}';
  draw(labelTag, 60, 530, 11);
  tags.push({ name: '회사명', page: 1, box: textBox(A4.height, nanum, labelTag, 60, 530, 11) });

  // One tag drawn as three runs in two fonts and sizes, as word processors split text.
  const pieces: [string, PDFFont, number][] = [
    ['{{주소;', nanum, 12],
    ['step=1;required', helvetica, 10],
    ['}}', nanum, 12],
  ];
  let x = 60;
  let box: TagBox | undefined;
  for (const [text, font, size] of pieces) {
    const piece = textBox(A4.height, font, text, x, 490, size);
    box = box ? union(box, piece) : piece;
    x = draw(text, x, 490, size, font);
  }
  tags.push({ name: '주소', page: 1, box: box! });

  // Letter-spaced (Tc 2 pt, a fifth of the font size): the spacing is no space, and the text after stays put.
  const noteTag = '{{비고;label=비고 사항}}';
  page.pushOperators(setCharacterSpacing(2));
  draw(`${noteTag} 자간`, 60, 450, 10);
  page.pushOperators(setCharacterSpacing(0));
  const noteBox = textBox(A4.height, nanum, noteTag, 60, 450, 10);
  tags.push({ name: '비고', page: 1, box: { ...noteBox, width: noteBox.width + 2 * ([...noteTag].length - 1) } });
  draw('— 이하 여백 —', 250, 100, 10);

  // Page 2 is landscape by /Rotate 90: drawn turned, read upright.
  const turned = doc.addPage([A4.width, A4.height]);
  turned.setRotation(degrees(90));
  const dateTag = '{{계약일;type=날짜;step=2}}';
  // A point (x, y) of the view (origin bottom-left) is (width − y, x) on the unturned page.
  const viewX = 100;
  const viewBaseline = 400;
  turned.drawText(`계약일: ${dateTag}`, { x: A4.width - viewBaseline, y: viewX, size: 12, font: nanum, rotate: degrees(90) });
  // The view is A4.height wide and A4.width tall.
  tags.push({ name: '계약일', page: 2, box: textBox(A4.width, nanum, dateTag, viewX + nanum.widthOfTextAtSize('계약일: ', 12), viewBaseline, 12) });

  // Page 3 draws another document's page as a form XObject; the tag lives inside the form.
  const inner = await PDFDocument.create();
  const innerFont = await embedNanumGothic(inner);
  const innerPage = inner.addPage([300, 100]);
  const witnessTag = '{{증인 서명;type=sign;step=2}}';
  innerPage.drawText(`증인: ${witnessTag}`, { x: 10, y: 50, size: 12, font: innerFont });
  const [form] = await doc.embedPdf(await inner.save());
  const framed = doc.addPage([A4.width, A4.height]);
  framed.drawPage(form!, { x: 100, y: 500 });
  // The form's (x, y) is (x + 100, y + 500) on the page.
  const witness = textBox(A4.height - 500, innerFont, witnessTag, 100 + 10 + innerFont.widthOfTextAtSize('증인: ', 12), 50, 12);
  tags.push({ name: '증인 서명', page: 3, box: witness });

  return {
    pdf: await doc.save(),
    tags,
    surrounding: ['근로 계약서', '근로자 서명:', '(인)', 'Amount:', '개인정보 수집에 동의합니다', '성별', '이하 여백', '계약일:', '증인:'],
  };
}

/** A contract in HTML printed by Chromium; each tag's box read from its element (CSS px × 0.75 = pt). */
export async function chromiumContract(): Promise<TaggedPdf & { surrounding: string[] }> {
  const html = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><style>
    @page { size: A4; margin: 0 }
    body { margin: 0; padding: 64px; width: 640px; font-family: 'NanumGothic'; font-size: 14px; color: #222 }
    h1 { font-size: 26px } .tag { white-space: nowrap } .white { color: #fff } .small { font-size: 11px }
    td { padding: 4px 12px; border: 1px solid #999 }
  </style></head><body>
    <h1>용역 계약서</h1>
    <p>갑과 을은 다음과 같이 용역 계약을 체결한다.</p>
    <p>계약 금액은 <span class="tag" data-name="금액">{{금액;step=2;required;label=계약 금액}}</span> 원으로 한다.</p>
    <p>고객 서명: <span class="tag" style="font-size:20px" data-name="고객 서명">{{고객 서명;type=sign;step=1;label=고객 서명}}</span> (인)</p>
    <p>개인정보 수집에 동의합니다 <span class="tag white" data-name="동의">{{동의;type=check;step=1;required}}</span></p>
    <table><tr><td>성별</td><td><span class="tag small" data-name="남">{{남;type=radio;group=성별}}</span></td><td><span class="tag small" data-name="여">{{여;type=라디오;group=성별}}</span></td></tr></table>
    <p>수행사: <span class="tag" data-name="회사명">{{회사명;type=label;default=도장 주식회사}}</span> 이하 여백</p>
  </body></html>`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    // Laid out for print before measuring: the PDF is the print layout, not the screen's.
    const page = await browser.newPage();
    await page.emulateMedia({ media: 'print' });
    await page.setContent(html);
    const tags = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-name]')].map((element) => {
        const r = element.getBoundingClientRect();
        return { name: element.dataset.name!, page: 1, box: { x: r.x * 0.75, y: r.y * 0.75, width: r.width * 0.75, height: r.height * 0.75 } };
      }),
    );
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    return {
      pdf,
      tags,
      surrounding: ['용역 계약서', '계약 금액은', '원으로 한다', '고객 서명:', '(인)', '개인정보 수집에 동의합니다', '성별', '수행사:', '이하 여백'],
    };
  } finally {
    await browser.close();
  }
}

/** A page of `source` as a scan: its picture only, no text (the tags are visible, not readable). */
export async function scannedCopy(source: Uint8Array): Promise<Uint8Array> {
  const png = await withPdfFile(source, async (_path, dir) => readFile((await renderPngs(source, dir, 'scan', 100))[0]!));
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(png);
  doc.addPage([A4.width, A4.height]).drawImage(image, { x: 0, y: 0, width: A4.width, height: A4.height });
  return doc.save();
}

/** `pages` pages with four tags each, in Noto Sans KR subset as Dojang itself draws: a larger document to time. */
export async function manyPageContract(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await embedKoreanFont(doc);
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([A4.width, A4.height]);
    page.drawText(`제${p}조 (목적) 이 계약은 갑과 을 사이의 권리와 의무를 정한다.`, { x: 60, y: 780, size: 11, font });
    for (let line = 0; line < 30; line++)
      page.drawText(`${line + 1}. 본 조항은 시험용 문장으로, 계약의 내용과 무관하게 줄을 채웁니다. 가나다라마바사 ${p}-${line}`, {
        x: 60,
        y: 750 - line * 18,
        size: 10,
        font,
      });
    page.drawText(`서명 {{서명 ${p};type=sign;step=1}}  금액 {{금액 ${p};step=2;required}}`, { x: 60, y: 160, size: 11, font });
    page.drawText(`동의 {{동의 ${p};type=check}}  작성일 {{작성일 ${p};type=date;step=2}}`, { x: 60, y: 130, size: 11, font });
  }
  return doc.save();
}
