// Values for every field of the demo contract (with its appendix), as both signers leave them.

import type { FieldValues } from '../../domain/fields.ts';
import { STAMP_JPEG_DATA_URL, makeSignaturePngDataUrl } from './sample-images.ts';

export function sampleContractValues(): FieldValues {
  return {
    contract_number: 'DJ-2026-000123',
    customer_name: '홍길동',
    customer_phone: '010-1234-5678',
    contract_date: '2026-12-01',
    agree_terms: 'Y',
    customer_sign: makeSignaturePngDataUrl(),
    company_representative: '김대표 (Kim Daepyo) 대표이사',
    company_sign: STAMP_JPEG_DATA_URL,
    privacy_agree: 'Y',
    privacy_disagree: 'N',
    customer_email: 'hong.gildong@example.co.kr',
    marketing_agree: 'N',
  };
}
