// A two-step contract that looks like one: Korean text in the PDF (NanumSquare, embedded whole,
// see DEPENDENCIES.md on subsetting), a label beside every box, boxes of every kind.
import { readFile } from 'node:fs/promises';
import { PDFDocument, rgb } from 'pdf-lib';
import type { TemplateField } from '../../src/domain/fields.ts';
import type { TestCompany } from '../support/dojang-server.ts';

const FONT = '/usr/share/fonts/truetype/nanum/NanumSquareR.ttf';
const W = 595.28;
const H = 841.89;

type Box = Omit<TemplateField, 'page'> & { label?: string; labelX?: number };

export const CONTRACT_FIELDS: Box[] = [
  { name: '안내', type: 'LabelBox', owner: 0, required: false, x: 60, y: 214, width: 475, height: 22, default: '본 계약서는 Dojang 서명 화면 시험용입니다.' },
  { name: '이름', type: 'TextBox', owner: 1, required: true, x: 170, y: 258, width: 200, height: 26, label: '성명 (Name)' },
  { name: '계약일', type: 'DatePickerBox', owner: 1, required: true, x: 170, y: 298, width: 200, height: 26, label: '계약일 (Date)' },
  { name: '동의', type: 'CheckBox', owner: 1, required: true, x: 60, y: 342, width: 20, height: 20, label: '위 내용에 동의합니다 (I agree)', labelX: 90 },
  { name: '자동이체', type: 'RadioBox', owner: 1, required: true, group: '납부방식', x: 60, y: 380, width: 18, height: 18, label: '자동이체', labelX: 86 },
  { name: '계좌이체', type: 'RadioBox', owner: 1, required: true, group: '납부방식', x: 200, y: 380, width: 18, height: 18, label: '계좌이체', labelX: 226 },
  { name: '사진', type: 'PictureBox', owner: 1, required: false, x: 400, y: 258, width: 135, height: 110 },
  { name: '서명', type: 'SignBox', owner: 1, required: true, x: 170, y: 420, width: 200, height: 70, label: '서명 (Signature)' },
  { name: '금액', type: 'TextBox', owner: 2, required: true, x: 170, y: 530, width: 200, height: 26, label: '금액 (Amount)' },
  { name: '확인', type: 'CheckBox', owner: 2, required: false, x: 60, y: 572, width: 20, height: 20, label: '확인했습니다 (Checked)', labelX: 90 },
  { name: '서명2', type: 'SignBox', owner: 2, required: false, x: 170, y: 610, width: 200, height: 70, label: '서명 (Signature)' },
];

export async function makeContractPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // fontkit 2 has no type declarations; pdf-lib only needs its create().
  const fontkitModule: string = 'fontkit';
  doc.registerFontkit((await import(fontkitModule)) as Parameters<PDFDocument['registerFontkit']>[0]);
  const font = await doc.embedFont(await readFile(FONT), { subset: false });
  const page = doc.addPage([W, H]);
  const text = (value: string, x: number, top: number, size = 11) => page.drawText(value, { x, y: H - top - size, size, font, color: rgb(0.1, 0.1, 0.1) });
  text('임대차 계약서', 60, 56, 24);
  text('Lease agreement', 60, 88, 12);
  const body = [
    '임대인과 임차인은 아래 부동산에 관하여 다음과 같이 임대차 계약을 체결한다.',
    '제1조 (목적) 임대인은 임차인에게 아래 표시 부동산을 임대하고 임차인은 이를 임차한다.',
    '제2조 (기간) 임대차 기간은 계약일로부터 24개월로 한다.',
    '제3조 (차임) 임차인은 매월 말일까지 차임을 지급한다.',
  ];
  body.forEach((line, i) => text(line, 60, 120 + i * 20, 10.5));
  page.drawLine({ start: { x: 60, y: H - 206 }, end: { x: W - 60, y: H - 206 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
  for (const box of CONTRACT_FIELDS) {
    if (!box.label) continue;
    text(box.label, box.labelX ?? 60, box.y + (box.height - 11) / 2);
  }
  text('임차인 2 확인란 (Step 2)', 60, 500, 12);
  text('— 이하 여백 —', W / 2 - 40, 760, 10);
  return doc.save();
}

export async function createContractTemplate(company: TestCompany): Promise<string> {
  const pdf = Buffer.from(await makeContractPdf()).toString('base64');
  const fields = CONTRACT_FIELDS.map(({ label: _label, labelX: _labelX, ...field }) => ({ ...field, page: 1 }));
  const { status, json } = await company.post('/api/v1/templates', { name: '임대차 계약서', steps: 2, pdf, fields });
  if (status !== 201) throw new Error(`template upload failed: ${status} ${JSON.stringify(json)}`);
  return json.doc_id as string;
}
