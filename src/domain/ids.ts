// Ids of the central entities, branded so the compiler refuses a workflow id where a template
// id is meant. The brand is type-only: at run time an id is the plain number or string stored.
// Make one with its to…Id function at the edge (a route's params, a CLI argument, a JSON payload
// read back); inside, ids come typed from the store.

declare const brand: unique symbol;

/** A value of type T that the compiler tells apart from other Ts by its name. */
export type Branded<T, Name extends string> = T & { readonly [brand]: Name };

/** `companies.id`, eSignon's `comp_id`. */
export type CompanyId = Branded<string, 'CompanyId'>;
export type MemberId = Branded<number, 'MemberId'>;
export type TemplateId = Branded<number, 'TemplateId'>;
/** `workflows.id`, eSignon's `workflow_id`. */
export type WorkflowId = Branded<number, 'WorkflowId'>;
export type JobId = Branded<number, 'JobId'>;

export const toCompanyId = (id: string): CompanyId => id as CompanyId;
export const toMemberId = (id: number): MemberId => id as MemberId;
export const toTemplateId = (id: number): TemplateId => id as TemplateId;
export const toWorkflowId = (id: number): WorkflowId => id as WorkflowId;
export const toJobId = (id: number): JobId => id as JobId;

/** The largest id a row can have: ids are 32-bit integers on PostgreSQL. */
export const MAX_ID = 2_147_483_647;

/** A row id as text, for route schemas: 1 to 10 digits and no larger than MAX_ID (what parseId accepts). */
export const ID_PATTERN =
  '^(?:\\d{1,9}|[01]\\d{9}|20\\d{8}|21[0-3]\\d{7}|214[0-6]\\d{6}|2147[0-3]\\d{5}|21474[0-7]\\d{4}|214748[0-2]\\d{3}|2147483[0-5]\\d{2}|21474836[0-3]\\d|214748364[0-7])$';

/** A row id written as text, or null when the text cannot be one (not digits, or beyond MAX_ID, which no row has). */
export function parseId(text: string): number | null {
  return /^\d{1,10}$/.test(text) && Number(text) <= MAX_ID ? Number(text) : null;
}
