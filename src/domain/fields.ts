// Field boxes of a template and the values they hold.
// The type names are eSignon's own box names.

export const FIELD_TYPES = ['TextBox', 'LabelBox', 'CheckBox', 'RadioBox', 'DatePickerBox', 'PictureBox', 'SignBox'] as const;

export type FieldType = (typeof FIELD_TYPES)[number];

export interface TemplateField {
  /** eSignon's field_name: what integrators name it by. */
  name: string;
  /** What signers read (the signing page's labels and dialogs); the name when absent. */
  label?: string;
  type: FieldType;
  /** The step (1..N) whose signer fills it; 0 for a LabelBox, which no signer edits. */
  owner: number;
  required: boolean;
  /** 1-based page number. */
  page: number;
  /** PDF points from the page's top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** RadioBox group: at most one box of a group is "Y". */
  group?: string;
  /** Value set in the template (a LabelBox's text, a default for others). */
  default?: string;
}

/** Values by field name. Images are `data:image/png;base64,…` or `data:image/jpeg;base64,…`. */
export type FieldValues = Record<string, string>;

export function isImageField(type: FieldType): boolean {
  return type === 'PictureBox' || type === 'SignBox';
}

export function isMarkField(type: FieldType): boolean {
  return type === 'CheckBox' || type === 'RadioBox';
}
