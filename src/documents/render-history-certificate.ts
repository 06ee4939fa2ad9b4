// The history certificate (이력 인증서): who signed what, when, from where,
// and the fingerprints of the original and completed files, on A4 pages with Korean labels and
// English subtitles. Sealed afterwards like the completed PDF (seal-pdf.ts).

import { PDFDocument } from 'pdf-lib';
import type { PDFImage } from 'pdf-lib';
import { decodeImageValue } from './decode-image-value.ts';
import { drawQrCode } from './draw-qr-code.ts';
import { formatTimeWithOffset } from './format-time-with-offset.ts';
import { embedKoreanFonts } from './korean-font.ts';
import { A4, COLORS, PageWriter } from './page-writer.ts';
import type { TextStyle } from './page-writer.ts';

/** How a signer proved who they were; the signing link itself is always one factor. */
export type VerificationMethod = 'email_link' | 'sms_link' | 'kakao_link' | 'embedded' | 'password' | 'mobile_otp';

export interface HistorySigner {
  /** The signing step, 1..N (eSignon's field_owner). */
  step: number;
  name: string;
  /** The player's identity: an email address or a mobile number. */
  identity: string;
  verification: readonly VerificationMethod[];
  ip?: string;
  userAgent?: string;
  /** ISO 8601 UTC; absent for a step that never signed. */
  signedAt?: string;
  /** The signature they drew (a SignBox value): data URL or base64 PNG/JPEG. */
  signatureImage?: string;
}

export interface HistoryEvent {
  /** eSignon's step_code: WORKFLOW_START, SIGN_COMPLETE, … */
  stepCode: string;
  /** ISO 8601 UTC. */
  at: string;
  actorName?: string;
  actorIdentity?: string;
  ip?: string;
  userAgent?: string;
}

export interface HistoryCertificateData {
  workflow: { id: string; name: string; startedAt: string; completedAt?: string };
  template: { id: string; name: string };
  company: { id: string; name: string };
  starter: { name: string; email: string };
  signers: readonly HistorySigner[];
  /** The full history, oldest first. */
  events: readonly HistoryEvent[];
  /** Lowercase hex SHA-256 of the template's original PDF and of the completed, sealed PDF. */
  templatePdfSha256: string;
  completedPdfSha256: string;
  /** Where anyone can check a file (printed and as a QR code). */
  verifyUrl: string;
  /** The UTC offset every time is shown in, e.g. "+09:00" (the company's zone). */
  displayOffset: string;
  /** When this certificate was made; ISO 8601 UTC. */
  issuedAt: string;
}

const VERIFICATION_LABELS: Readonly<Record<VerificationMethod, string>> = {
  email_link: '이메일 링크 (email link)',
  sms_link: '문자 링크 (SMS link)',
  kakao_link: '카카오톡 링크 (KakaoTalk link)',
  embedded: '연동 화면 (embedded session)',
  password: '비밀번호 (password)',
  mobile_otp: '휴대폰 인증번호 (mobile one-time code)',
};

const MARGIN = 48;
const LABEL_WIDTH = 132;
const FOOTER_SPACE = 64;
const VALUE: TextStyle = { size: 9.5 };
const SMALL: TextStyle = { size: 7.5, color: COLORS.muted };

/** History table columns: width, Korean heading, English heading. */
const COLUMNS = [
  [22, '번호', '#'],
  [112, '단계 코드', 'step_code'],
  [122, '시각', 'Time'],
  [140, '행위자', 'Actor'],
  [A4.width - 2 * MARGIN - 396, 'IP 주소', 'IP address'],
] as const;

export async function renderHistoryCertificate(data: HistoryCertificateData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`이력 인증서 Certificate of Completion — ${data.workflow.name}`);
  doc.setSubject(`Dojang workflow ${data.workflow.id}`);
  doc.setProducer('Dojang');
  doc.setCreationDate(new Date(data.issuedAt));
  const w = new PageWriter(doc, await embedKoreanFonts(doc), MARGIN);
  const time = (iso: string) => formatTimeWithOffset(iso, data.displayOffset);

  drawTitle(w, data);
  drawDocumentInformation(w, data, time);
  drawFingerprintsAndVerification(w, data);
  await drawSigners(w, data, time);
  drawHistory(w, data, time);
  drawFooters(w, data, time);
  return doc.save();
}

function drawTitle(w: PageWriter, data: HistoryCertificateData): void {
  w.text('이력 인증서', MARGIN, w.top, { size: 24, bold: true });
  w.text('Certificate of Completion', MARGIN, w.top + 34, { size: 11, color: COLORS.muted });
  w.text('전자계약의 체결 과정과 문서의 동일성을 증명합니다. This certifies how the contract was signed and which file it is.', MARGIN, w.top + 52, SMALL);
  const qrSize = 64;
  drawQrCode(w.page, data.verifyUrl, A4.width - MARGIN - qrSize, A4.height - w.top + 4, qrSize);
  w.top += 72;
  w.rule(w.top, MARGIN, A4.width - MARGIN, COLORS.text);
  w.top += 14;
}

function drawDocumentInformation(w: PageWriter, data: HistoryCertificateData, time: (iso: string) => string): void {
  section(w, '문서 정보', 'Document');
  labelledValue(w, '워크플로', 'Workflow', `${data.workflow.name}\nID ${data.workflow.id}`);
  labelledValue(w, '서식', 'Template', `${data.template.name}\nID ${data.template.id}`);
  labelledValue(w, '회사', 'Company', `${data.company.name} (ID ${data.company.id})`);
  labelledValue(w, '시작한 사람', 'Started by', `${data.starter.name} <${data.starter.email}>`);
  labelledValue(w, '시작 시각', 'Started at', time(data.workflow.startedAt));
  if (data.workflow.completedAt) labelledValue(w, '완료 시각', 'Completed at', time(data.workflow.completedAt));
}

function drawFingerprintsAndVerification(w: PageWriter, data: HistoryCertificateData): void {
  section(w, '문서 지문 (SHA-256)', 'Document fingerprints');
  hashRow(w, '원본 서식 PDF', 'Original template PDF', data.templatePdfSha256);
  hashRow(w, '완료 문서 PDF', 'Completed sealed PDF', data.completedPdfSha256);

  section(w, '검증', 'Verification');
  labelledValue(
    w,
    '검증 주소',
    'Verify at',
    '완료 문서와 이 인증서는 전자 봉인(PAdES)되어 있습니다. 아래 주소(또는 상단 QR 코드)에서 파일을 올리면 봉인과 변경 여부를 확인할 수 있습니다.\nBoth files carry a PAdES seal; upload a file at this address (or scan the QR code above) to check it.',
  );
  const valueX = MARGIN + LABEL_WIDTH;
  const width = A4.width - MARGIN - valueX;
  const size = Math.min(9, width / Math.max(1, w.widthOf(data.verifyUrl, { size: 1 })));
  w.ensureSpace(size * 2, FOOTER_SPACE);
  w.text(data.verifyUrl, valueX, w.top, { size });
  w.top += size * 1.6 + 6;
}

async function drawSigners(w: PageWriter, data: HistoryCertificateData, time: (iso: string) => string): Promise<void> {
  section(w, '서명자', 'Signers');
  const images = new Map<string, Promise<PDFImage>>();
  const embed = (value: string, step: number) => {
    let image = images.get(value);
    if (image === undefined) {
      const { format, bytes } = decodeImageValue(value, `signer ${step} signature`);
      image = format === 'png' ? w.doc.embedPng(bytes) : w.doc.embedJpg(bytes);
      images.set(value, image);
    }
    return image;
  };
  const signatureBox = { width: 150, height: 60 };

  for (const signer of [...data.signers].sort((a, b) => a.step - b.step)) {
    const rows: [string, string, string][] = [
      ['이름', 'Name', signer.name],
      ['식별 정보', 'Identity', signer.identity],
      ['본인 확인', 'Verification', signer.verification.map((m) => VERIFICATION_LABELS[m]).join(' + ') || '-'],
      ['서명 시각', 'Signed at', signer.signedAt ? time(signer.signedAt) : '서명하지 않음 (not signed)'],
      ['IP 주소', 'IP address', signer.ip ?? '-'],
      ['브라우저', 'User agent', signer.userAgent ?? '-'],
    ];
    const valueWidth = A4.width - 2 * MARGIN - LABEL_WIDTH - signatureBox.width - 12;
    const height = 22 + rows.reduce((sum, [, , value]) => sum + rowHeight(w, value, valueWidth), 0);
    w.ensureSpace(height, FOOTER_SPACE);

    const top = w.top;
    w.rect({ x: MARGIN, top, width: w.contentWidth, height: 18 }, { fill: COLORS.band });
    w.text(`${signer.step}단계 서명자`, MARGIN + 6, top + 4, { size: 9.5, bold: true });
    w.text(`Step ${signer.step} signer`, MARGIN + 80, top + 5.5, SMALL);
    w.top += 22;
    for (const [ko, en, value] of rows) labelledValue(w, ko, en, value, valueWidth);

    const box = { x: A4.width - MARGIN - signatureBox.width, top: top + 26, ...signatureBox };
    w.rect(box, { border: COLORS.rule });
    w.text('서명 Signature', box.x, box.top + box.height + 3, SMALL);
    if (signer.signatureImage) {
      const image = await embed(signer.signatureImage, signer.step);
      const scale = Math.min((box.width - 8) / image.width, (box.height - 8) / image.height);
      w.page.drawImage(image, {
        x: box.x + (box.width - image.width * scale) / 2,
        y: A4.height - box.top - box.height + (box.height - image.height * scale) / 2,
        width: image.width * scale,
        height: image.height * scale,
      });
    }
    w.top = Math.max(w.top, box.top + box.height + 14) + 6;
  }
}

function drawHistory(w: PageWriter, data: HistoryCertificateData, time: (iso: string) => string): void {
  section(w, '처리 이력', 'Event history', 60);
  drawHistoryHeader(w);
  // Rows that spill onto a new page get the header again.
  w.onNewPage = (writer) => {
    writer.text(`처리 이력 (계속) Event history, continued — ${data.workflow.id}`, MARGIN, writer.top, SMALL);
    writer.top += 16;
    drawHistoryHeader(writer);
  };

  data.events.forEach((event, i) => {
    const cells = [String(i + 1), event.stepCode, time(event.at), [event.actorName, event.actorIdentity].filter(Boolean).join('\n') || '-', event.ip ?? '-'];
    const lines = cells.map((cell, c) => w.wrap(cell, (COLUMNS[c]?.[0] ?? 0) - 8, { size: 8 }));
    const detailWidth = w.contentWidth - COLUMNS[0][0] - 8;
    const detail = event.userAgent ? w.wrap(event.userAgent, detailWidth, SMALL) : [];
    const height = Math.max(...lines.map((l) => l.length)) * 11 + detail.length * 9.5 + 8;
    w.ensureSpace(height, FOOTER_SPACE);

    let x = MARGIN;
    lines.forEach((cellLines, c) => {
      cellLines.forEach((line, l) => w.text(line, x + 4, w.top + 4 + l * 11, { size: 8, bold: c === 1 }));
      x += COLUMNS[c]?.[0] ?? 0;
    });
    const detailTop = w.top + 4 + Math.max(...lines.map((l) => l.length)) * 11;
    detail.forEach((line, l) => w.text(line, MARGIN + COLUMNS[0][0] + 4, detailTop + l * 9.5, SMALL));
    w.top += height;
    w.rule(w.top);
  });
  w.onNewPage = undefined;
}

function drawHistoryHeader(w: PageWriter): void {
  w.rect({ x: MARGIN, top: w.top, width: w.contentWidth, height: 24 }, { fill: COLORS.band });
  let x = MARGIN;
  for (const [width, ko, en] of COLUMNS) {
    w.text(ko, x + 4, w.top + 3, { size: 8, bold: true });
    w.text(en, x + 4, w.top + 13.5, { size: 6.5, color: COLORS.muted });
    x += width;
  }
  w.top += 24;
}

function drawFooters(w: PageWriter, data: HistoryCertificateData, time: (iso: string) => string): void {
  const pages = w.doc.getPages();
  pages.forEach((page, i) => {
    w.page = page;
    w.rule(A4.height - 44);
    w.text(`이력 인증서 Certificate of Completion · 워크플로 Workflow ${data.workflow.id} · 발급 Issued ${time(data.issuedAt)}`, MARGIN, A4.height - 38, SMALL);
    const pageLabel = `${i + 1} / ${pages.length}`;
    w.text(pageLabel, A4.width - MARGIN - w.widthOf(pageLabel, SMALL), A4.height - 38, SMALL);
  });
}

function section(w: PageWriter, ko: string, en: string, keepWithNext = 40): void {
  w.ensureSpace(24 + keepWithNext, FOOTER_SPACE);
  w.top += 6;
  w.text(ko, MARGIN, w.top, { size: 12, bold: true });
  w.text(en, MARGIN + w.widthOf(ko, { size: 12, bold: true }) + 8, w.top + 3.5, { size: 9, color: COLORS.muted });
  w.top += 19;
  w.rule(w.top);
  w.top += 7;
}

/** A Korean label with its English subtitle beneath, and the value beside them. */
function labelledValue(w: PageWriter, ko: string, en: string, value: string, valueWidth = A4.width - 2 * MARGIN - LABEL_WIDTH): void {
  const height = rowHeight(w, value, valueWidth);
  w.ensureSpace(height, FOOTER_SPACE);
  w.text(ko, MARGIN, w.top, { size: 9, bold: true });
  w.text(en, MARGIN, w.top + 11.5, SMALL);
  w.textBlock(value, MARGIN + LABEL_WIDTH, w.top, valueWidth, VALUE, 1.4);
  w.top += height;
}

function rowHeight(w: PageWriter, value: string, width: number): number {
  return Math.max(24, w.wrap(value, width, VALUE).length * VALUE.size * 1.4 + 6);
}

/** A fingerprint on one line, so it can be read (and copied) whole. */
function hashRow(w: PageWriter, ko: string, en: string, hex: string): void {
  w.ensureSpace(24, FOOTER_SPACE);
  w.text(ko, MARGIN, w.top, { size: 9, bold: true });
  w.text(en, MARGIN, w.top + 11.5, SMALL);
  const width = A4.width - MARGIN - (MARGIN + LABEL_WIDTH);
  const size = Math.min(9, width / Math.max(1, w.widthOf(hex, { size: 1 })));
  w.text(hex, MARGIN + LABEL_WIDTH, w.top + 1, { size });
  w.top += 26;
}
