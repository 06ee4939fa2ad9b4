// How large a request body each kind of call may send. Most calls carry a little JSON; a body
// is read whole before its schema is checked, so anything larger is refused (413) before it is
// read in full. Only the calls that carry images or a PDF get room for them.
const MB = 1024 * 1024;

export const BODY_LIMIT = {
  /** Every call that carries only text: the server's default. */
  text: 1 * MB,
  /** Calls that may carry signature and picture images (each at most 1 MB decoded): start, act, sign. */
  images: 16 * MB,
  /** Calls that carry a PDF as base64 JSON: a template (20 MB), a document to verify (30 MB). */
  pdf: 42 * MB,
} as const;
