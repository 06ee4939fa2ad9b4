// eSignon's workflow_status values.
export const WORKFLOW_STATUSES = ['Playing', 'Complete', 'Canceled', 'Disposal', 'Truncate'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

/** eSignon's history step_code values that Dojang records. */
export type StepCode =
  | 'WORKFLOW_START'
  | 'SIGN_REQ'
  | 'VIEW'
  | 'PASSWORD_CERT'
  | 'MOBILE_CERT'
  | 'SIGN_START'
  | 'SIGN_COMPLETE'
  | 'SIGN_RETURN'
  | 'WORKFLOW_COMPLETE'
  | 'WORKFLOW_CANCEL'
  | 'DOC_DOWN'
  | 'CERT_DOWN'
  | 'RESEND'
  | 'DISPOSAL'
  | 'TRUNCATE';
