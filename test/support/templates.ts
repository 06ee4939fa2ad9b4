// Test templates: real PDFs made with pdf-lib, uploaded through POST /api/v1/templates.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { TemplateField } from '../../src/domain/fields.ts';
import type { TestCompany } from './dojang-server.ts';

export async function makeTestPdf(pages = 1, text = 'Dojang test contract'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`${text} - page ${i + 1}`, { x: 50, y: 780, size: 18, font });
  }
  return doc.save();
}

export type FieldSpec = Partial<TemplateField> & Pick<TemplateField, 'name' | 'type'>;

/** Boxes stacked down page 1 unless placed. */
export function layout(fields: FieldSpec[]): TemplateField[] {
  return fields.map((f, i) => ({
    owner: f.type === 'LabelBox' ? 0 : 1,
    required: false,
    page: 1,
    x: 60,
    y: 100 + i * 40,
    width: 200,
    height: 28,
    ...f,
  }));
}

/** A template of `steps` steps; by default each step has a required TextBox `name_<k>` and an optional CheckBox `agree_<k>`. */
export async function createTestTemplate(company: TestCompany, steps: number, fields?: FieldSpec[], name = '테스트 계약서'): Promise<string> {
  const boxes = layout(
    fields ??
      Array.from({ length: steps }, (_, i) => [
        { name: `name_${i + 1}`, type: 'TextBox' as const, owner: i + 1, required: true },
        { name: `agree_${i + 1}`, type: 'CheckBox' as const, owner: i + 1 },
      ]).flat(),
  );
  const pdf = Buffer.from(await makeTestPdf()).toString('base64');
  const { status, json } = await company.post('/api/v1/templates', { name, steps, pdf, fields: boxes });
  if (status !== 201) throw new Error(`template upload failed: ${status} ${JSON.stringify(json)}`);
  return json.doc_id as string;
}

export const players = (steps: number, extra: Record<string, unknown>[] = []) =>
  Array.from({ length: steps }, (_, i) => ({
    field_owner: String(i + 1),
    email: `signer${i + 1}@example.com`,
    name: `서명자${i + 1}`,
    ...extra[i],
  }));
