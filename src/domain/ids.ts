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
