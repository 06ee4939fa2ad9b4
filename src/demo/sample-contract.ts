// The demo template created on first start: a two-step Korean service
// agreement (서비스 이용 계약서) drawn with pdf-lib, and the field boxes that go with it.
// Step 1 is the customer, step 2 the company; the contract number is a LabelBox set at start.
// `withAppendix` adds a privacy-consent page (3 pages, 12 fields), the benchmark's shape.

import { PDFDocument } from 'pdf-lib';
import type { FieldType, TemplateField } from '../domain/fields.ts';
import { embedKoreanFonts } from '../documents/korean-font.ts';
import { A4, COLORS, PageWriter } from '../documents/page-writer.ts';
import type { TextStyle } from '../documents/page-writer.ts';

export interface SampleContract {
  pdf: Uint8Array;
  fields: TemplateField[];
}

export interface SampleContractOptions {
  /** Add page 3, a privacy-consent form with four more fields (radio group, checkbox, email). */
  withAppendix?: boolean;
}

const MARGIN = 56;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;

const ARTICLES_PAGE_1: readonly [string, string][] = [
  [
    '제1조 (목적)',
    '이 계약은 주식회사 도장소프트(이하 "갑")가 제공하는 전자계약 서비스(이하 "서비스")를 고객(이하 "을")이 이용함에 있어 갑과 을의 권리, 의무 및 책임사항을 정함을 목적으로 한다.',
  ],
  [
    '제2조 (계약기간)',
    '계약기간은 계약일로부터 1년으로 한다. 기간 만료 1개월 전까지 어느 일방이 서면으로 해지 의사를 표시하지 않으면 이 계약은 동일한 조건으로 1년씩 자동 연장된다.',
  ],
  [
    '제3조 (이용요금 및 지급)',
    '① 을은 아래 요금표에 따른 이용요금을 매월 말일까지 갑이 지정한 계좌로 지급한다. ② 요금표의 금액은 부가가치세가 포함되지 않은 금액이다.',
  ],
];

const PRICE_TABLE: readonly (readonly [string, string, string])[] = [
  ['구분', '제공 내용', '월 이용요금'],
  ['기본형', '월 100건 전자계약, 이메일 알림', '50,000원'],
  ['표준형', '월 500건 전자계약, 카카오 알림톡, API 연동', '150,000원'],
  ['프리미엄', '무제한 전자계약, 전용 서버, 기술 지원', '400,000원'],
];

const ARTICLES_PAGE_1_AFTER_TABLE: readonly [string, string][] = [
  ['제4조 (갑의 의무)', '갑은 서비스를 안정적으로 제공하기 위하여 최선을 다하며, 서비스에 장애가 발생한 경우 지체 없이 이를 복구한다.'],
  [
    '제5조 (을의 의무)',
    '을은 서비스를 이용할 때 관계 법령과 이 계약의 규정을 준수하여야 하며, 타인의 정보를 도용하거나 서비스를 부정한 목적으로 이용하여서는 아니 된다.',
  ],
];

const ARTICLES_PAGE_2: readonly [string, string][] = [
  [
    '제6조 (개인정보의 보호)',
    '갑은 을의 개인정보를 「개인정보 보호법」 등 관계 법령에 따라 보호하며, 법령에 정한 경우를 제외하고는 을의 동의 없이 제3자에게 제공하지 아니한다.',
  ],
  [
    '제7조 (계약의 해지)',
    '어느 일방이 이 계약을 위반하고 상대방으로부터 시정 요구를 받은 날부터 14일 이내에 이를 시정하지 아니한 경우, 상대방은 서면 통지로 이 계약을 해지할 수 있다.',
  ],
  [
    '제8조 (손해배상)',
    '갑 또는 을이 이 계약을 위반하여 상대방에게 손해를 입힌 경우 그 손해를 배상하여야 한다. 다만, 고의 또는 과실이 없음을 증명한 경우에는 그러하지 아니하다.',
  ],
  [
    '제9조 (분쟁의 해결)',
    '이 계약과 관련하여 분쟁이 발생한 경우 당사자는 상호 협의하여 해결하며, 협의가 이루어지지 아니한 경우 서울중앙지방법원을 제1심 관할 법원으로 한다.',
  ],
  [
    '제10조 (전자서명의 효력)',
    '갑과 을은 이 계약을 「전자서명법」에 따른 전자서명으로 체결하며, 각 당사자의 전자서명은 서면에 의한 서명 또는 날인과 동일한 효력을 가진다.',
  ],
];

const PRIVACY_TABLE: readonly (readonly [string, string])[] = [
  ['수집 항목', '성명, 휴대전화번호, 이메일 주소, 서명 이미지, 접속 IP 주소'],
  ['수집·이용 목적', '계약의 체결 및 이행, 본인 확인, 계약 관련 고지사항 전달'],
  ['보유 및 이용 기간', '계약 종료 후 5년 (「전자상거래법」 등 관계 법령에 따름)'],
];

interface FieldSpec {
  name: string;
  /** What the signer reads on the signing page. */
  label?: string;
  type: FieldType;
  owner: number;
  required: boolean;
  width: number;
  height: number;
  group?: string;
}

/** The contract's drawing vocabulary on top of the shared page writer. */
class ContractWriter extends PageWriter {
  readonly fields: TemplateField[] = [];

  centred(text: string, style: TextStyle): void {
    this.text(text, (A4.width - this.widthOf(text, style)) / 2, this.top, style);
    this.top += style.size * 1.5;
  }

  article(title: string, body: string): void {
    this.text(title, MARGIN, this.top, { size: 10.5, bold: true });
    this.top += 16;
    this.paragraph(body, { size: 9.5 }, 8, 1.55);
    this.top += 6;
  }

  /** A printed table: with a shaded header row, or with the first column as row headings. */
  table(rows: readonly (readonly string[])[], columnWidths: readonly number[], { size = 9, header = true } = {}): void {
    const rowHeight = size * 2.2;
    rows.forEach((row, r) => {
      const top = this.top + r * rowHeight;
      if (r === 0 && header) this.rect({ x: MARGIN, top, width: CONTENT_WIDTH, height: rowHeight }, { fill: COLORS.band });
      let x = MARGIN;
      row.forEach((cell, c) => {
        this.text(cell, x + 6, top + (rowHeight - size) / 2, { size, bold: header ? r === 0 : c === 0 });
        x += columnWidths[c] ?? 0;
      });
    });
    const bottom = this.top + rows.length * rowHeight;
    for (let r = 0; r <= rows.length; r++) this.rule(this.top + r * rowHeight);
    let x = MARGIN;
    for (const width of [0, ...columnWidths]) {
      x += width;
      this.page.drawLine({
        start: { x, y: A4.height - this.top },
        end: { x, y: A4.height - bottom },
        thickness: 0.5,
        color: COLORS.rule,
      });
    }
    this.top = bottom + 12;
  }

  /** A label printed at (x, top) and a field box right after it, on the same line. */
  labelledField(label: string, x: number, top: number, spec: FieldSpec): void {
    const style = { size: 9.5, bold: true };
    this.text(label, x, top + (spec.height - style.size) / 2, style);
    this.field({ ...spec, x: x + this.widthOf(label, style) + 6, y: top });
  }

  /** Prints where to fill in (an underline, a square, a circle) and records the box. */
  field(spec: FieldSpec & { x: number; y: number }): void {
    const { x, y, width, height } = spec;
    if (spec.type === 'CheckBox') {
      this.rect({ x, top: y, width, height }, { border: COLORS.text });
    } else if (spec.type === 'RadioBox') {
      this.page.drawCircle({ x: x + width / 2, y: A4.height - y - height / 2, size: width / 2, borderColor: COLORS.text, borderWidth: 0.8 });
    } else if (spec.type !== 'SignBox' && spec.type !== 'PictureBox') {
      this.rule(y + height, x, x + width);
    }
    this.fields.push({
      name: spec.name,
      ...(spec.label === undefined ? {} : { label: spec.label }),
      type: spec.type,
      owner: spec.owner,
      required: spec.required,
      page: this.pageNumber,
      x: round(x),
      y: round(y),
      width,
      height,
      ...(spec.group === undefined ? {} : { group: spec.group }),
    });
  }

  pageFooter(): void {
    const label = `- ${this.pageNumber} -`;
    this.text(label, (A4.width - this.widthOf(label, { size: 9 })) / 2, A4.height - 40, { size: 9, color: COLORS.muted });
  }
}

export async function makeSampleContractPdf(options: SampleContractOptions = {}): Promise<SampleContract> {
  const doc = await PDFDocument.create();
  doc.setTitle('서비스 이용 계약서');
  doc.setProducer('Dojang');
  const w = new ContractWriter(doc, await embedKoreanFonts(doc), MARGIN);

  drawFirstPage(w);
  w.addPage();
  drawSecondPage(w);
  if (options.withAppendix) {
    w.addPage();
    drawPrivacyConsentPage(w);
  }
  return { pdf: await doc.save(), fields: w.fields };
}

function drawFirstPage(w: ContractWriter): void {
  w.labelledField('계약번호', A4.width - MARGIN - 190, MARGIN - 20, {
    name: 'contract_number',
    type: 'LabelBox',
    owner: 0,
    required: false,
    width: 140,
    height: 16,
  });
  w.top = MARGIN + 14;
  w.centred('서비스 이용 계약서', { size: 22, bold: true });
  w.centred('Service Agreement', { size: 10, color: COLORS.muted });
  w.top += 10;

  w.text('갑 (서비스 제공자)', MARGIN, w.top, { size: 10.5, bold: true });
  w.text('주식회사 도장소프트 · 서울특별시 중구 세종대로 110 · 사업자등록번호 123-45-67890', MARGIN + 110, w.top + 1, { size: 9 });
  w.top += 26;
  w.text('을 (고객)', MARGIN, w.top + 3, { size: 10.5, bold: true });
  w.labelledField('성명', MARGIN + 110, w.top, {
    name: 'customer_name',
    label: '고객 성명',
    type: 'TextBox',
    owner: 1,
    required: true,
    width: 120,
    height: 18,
  });
  w.labelledField('연락처', MARGIN + 290, w.top, {
    name: 'customer_phone',
    label: '고객 연락처',
    type: 'TextBox',
    owner: 1,
    required: false,
    width: 120,
    height: 18,
  });
  w.top += 30;
  w.rule(w.top);
  w.top += 14;

  for (const [title, body] of ARTICLES_PAGE_1) w.article(title, body);
  w.table(PRICE_TABLE, [80, 270, CONTENT_WIDTH - 350]);
  for (const [title, body] of ARTICLES_PAGE_1_AFTER_TABLE) w.article(title, body);
  w.pageFooter();
}

function drawSecondPage(w: ContractWriter): void {
  for (const [title, body] of ARTICLES_PAGE_2) w.article(title, body);
  w.top += 6;
  w.paragraph('위 계약의 성립을 증명하기 위하여 이 전자문서를 작성하고, 갑과 을이 각각 전자서명한다.', { size: 10 });
  w.top += 10;

  w.field({ name: 'agree_terms', label: '약관에 동의합니다', type: 'CheckBox', owner: 1, required: true, width: 14, height: 14, x: MARGIN, y: w.top });
  w.text('본인은 위 계약 내용을 충분히 읽고 이해하였으며 이에 동의합니다. (필수)', MARGIN + 22, w.top + 2, { size: 10 });
  w.top += 32;
  w.labelledField('계약일', MARGIN, w.top, {
    name: 'contract_date',
    label: '계약일',
    type: 'DatePickerBox',
    owner: 1,
    required: false,
    width: 110,
    height: 18,
  });
  w.top += 44;

  const signatureRow = (party: string, top: number) => {
    w.text(party, MARGIN, top + 20, { size: 11, bold: true });
    w.rule(top + 60);
  };
  signatureRow('을 (고객)', w.top);
  w.text('위 성명란의 고객 본인', MARGIN + 110, w.top + 21, { size: 9.5, color: COLORS.muted });
  w.labelledField('서명', MARGIN + 280, w.top, {
    name: 'customer_sign',
    label: '고객 서명',
    type: 'SignBox',
    owner: 1,
    required: true,
    width: 140,
    height: 54,
  });
  w.text('(인)', MARGIN + 452, w.top + 20, { size: 10, color: COLORS.muted });
  w.top += 74;

  signatureRow('갑 (회사)', w.top);
  w.labelledField('대표자', MARGIN + 110, w.top + 16, {
    name: 'company_representative',
    label: '회사 대표자',
    type: 'TextBox',
    owner: 2,
    required: false,
    width: 110,
    height: 20,
  });
  w.labelledField('서명', MARGIN + 280, w.top, {
    name: 'company_sign',
    label: '회사 서명',
    type: 'SignBox',
    owner: 2,
    required: true,
    width: 140,
    height: 54,
  });
  w.text('(인)', MARGIN + 452, w.top + 20, { size: 10, color: COLORS.muted });
  w.pageFooter();
}

function drawPrivacyConsentPage(w: ContractWriter): void {
  w.text('[별첨]', MARGIN, w.top, { size: 10, color: COLORS.muted });
  w.top += 24;
  w.centred('개인정보 수집·이용 동의서', { size: 18, bold: true });
  w.top += 8;
  w.paragraph('갑은 「개인정보 보호법」 제15조에 따라 아래와 같이 을의 개인정보를 수집·이용하고자 합니다. 내용을 읽으신 후 동의 여부를 선택하여 주십시오.', {
    size: 10,
  });
  w.top += 8;
  w.table(PRIVACY_TABLE, [110, CONTENT_WIDTH - 110], { size: 9.5, header: false });
  w.paragraph('귀하는 개인정보 수집·이용에 대한 동의를 거부할 권리가 있습니다. 다만, 동의를 거부하는 경우 계약 체결이 제한될 수 있습니다.', { size: 9.5 });
  w.top += 14;

  w.text('위와 같이 개인정보를 수집·이용하는 데 동의하십니까?', MARGIN, w.top, { size: 10.5, bold: true });
  w.top += 24;
  const radio = (name: string, label: string, x: number) => {
    w.field({
      name,
      label: `개인정보 수집·이용: ${label}`,
      type: 'RadioBox',
      owner: 1,
      required: true,
      group: 'privacy_consent',
      width: 14,
      height: 14,
      x,
      y: w.top,
    });
    w.text(label, x + 20, w.top + 2, { size: 10 });
  };
  radio('privacy_agree', '동의함', MARGIN + 8);
  radio('privacy_disagree', '동의하지 않음', MARGIN + 120);
  w.top += 36;

  w.labelledField('이메일', MARGIN, w.top, {
    name: 'customer_email',
    label: '고객 이메일',
    type: 'TextBox',
    owner: 1,
    required: false,
    width: 220,
    height: 18,
  });
  w.top += 36;
  w.field({ name: 'marketing_agree', label: '마케팅 정보 수신 동의', type: 'CheckBox', owner: 1, required: false, width: 14, height: 14, x: MARGIN, y: w.top });
  w.text('신규 서비스 및 이벤트 안내를 이메일로 받는 데 동의합니다. (선택)', MARGIN + 22, w.top + 2, { size: 10 });
  w.pageFooter();
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
