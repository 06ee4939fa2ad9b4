// What the template editor edits: boxes on the template's pages, in PDF points (editor-geometry.ts).
import type { FieldType } from '../../domain/fields.ts';
import type { MessageKey } from '../shared/i18n.ts';
import type { ConsoleField } from './console-api.ts';
import { roundRect, type Rect } from './editor-geometry.ts';

export const TYPES: FieldType[] = ['TextBox', 'CheckBox', 'SignBox', 'DatePickerBox', 'RadioBox', 'PictureBox', 'LabelBox'];
export const DEFAULT_SIZE: Record<FieldType, [number, number]> = {
  TextBox: [150, 22],
  LabelBox: [150, 20],
  CheckBox: [16, 16],
  RadioBox: [16, 16],
  DatePickerBox: [100, 22],
  PictureBox: [100, 100],
  SignBox: [150, 60],
};
export interface Box extends Rect {
  id: number;
  name: string;
  /** What signers read; the name when empty. */
  label: string;
  type: FieldType;
  owner: number;
  required: boolean;
  page: number;
  group: string;
  default: string;
}

export const typeKey = (type: FieldType) => `type_${type}` as MessageKey;

/** A new box with its type's defaults: fixed text belongs to no step; a step's box is required unless a check box or a picture. */
export function newBoxOf(id: number, name: string, type: FieldType, page: number, rect: Rect): Box {
  return {
    id,
    name,
    type,
    owner: type === 'LabelBox' ? 0 : 1,
    required: type !== 'LabelBox' && type !== 'CheckBox' && type !== 'PictureBox',
    page,
    label: '',
    group: '',
    default: '',
    ...roundRect(rect),
  };
}

/** A box as the server gives it (a saved template's, or one read from a text tag), to edit. */
export const boxOfField = (id: number, field: ConsoleField): Box => ({
  ...field,
  id,
  label: field.label ?? '',
  group: field.group ?? '',
  default: field.default ?? '',
});
