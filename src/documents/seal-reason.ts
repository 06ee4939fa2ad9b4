// The seal's /Reason names Dojang and the workflow, so that verification can say which contract
// a sealed file belongs to, and a PDF reader's signature panel shows it too.

export type SealedDocumentKind = 'completed' | 'history certificate';

const PATTERN = /^Dojang workflow (\S+) (completed|history certificate)$/;

export function sealReason(workflowId: string, kind: SealedDocumentKind = 'completed'): string {
  if (/\s/.test(workflowId) || workflowId === '') throw new RangeError(`workflow id "${workflowId}" cannot be named in a seal`);
  return `Dojang workflow ${workflowId} ${kind}`;
}

export function parseSealReason(reason: string): { workflowId: string; kind: SealedDocumentKind } | undefined {
  const match = PATTERN.exec(reason);
  if (!match) return undefined;
  return { workflowId: match[1] as string, kind: match[2] as SealedDocumentKind };
}
