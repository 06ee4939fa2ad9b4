// URLs of a completed workflow's PDF and history certificate. They are signed by the server
// (256-bit HMAC) rather than stored: a link names its workflow, what it opens, how (eSignon's
// link_type: a viewer page or a direct download) and until when. Disposal revokes every link
// at once, because the documents route checks the workflow's status.
import type { Context } from '../context.ts';
import { openSignedValue, serverSecret, signValue } from '../security/server-secret.ts';
import { type WorkflowId, toWorkflowId } from '../domain/ids.ts';

export type DocumentKind = 'document' | 'certificate';
export type LinkMode = 'viewer' | 'download';

export interface DocumentLink {
  workflowId: WorkflowId;
  kind: DocumentKind;
  mode: LinkMode;
  expiresAt: Date;
}

export interface DocumentLinks {
  documentUrl: string;
  certificateUrl: string;
}

export async function documentLinkUrl(ctx: Pick<Context, 'db' | 'config'>, link: DocumentLink): Promise<string> {
  const token = signValue(await serverSecret(ctx.db), {
    w: link.workflowId,
    k: link.kind === 'document' ? 'd' : 'c',
    m: link.mode === 'viewer' ? 'v' : 'd',
    e: Math.floor(link.expiresAt.getTime() / 1000),
  });
  return `${ctx.config.publicUrl}/documents/${token}`;
}

export async function documentLinks(ctx: Pick<Context, 'db' | 'config'>, workflowId: WorkflowId, mode: LinkMode, expiresAt: Date): Promise<DocumentLinks> {
  return {
    documentUrl: await documentLinkUrl(ctx, { workflowId, kind: 'document', mode, expiresAt }),
    certificateUrl: await documentLinkUrl(ctx, { workflowId, kind: 'certificate', mode, expiresAt }),
  };
}

/** The link a token stands for; `expired` when its time is over, null when it is not ours. */
export async function openDocumentLink(ctx: Pick<Context, 'db'>, token: string, now: Date): Promise<(DocumentLink & { expired: boolean }) | null> {
  const value = openSignedValue(await serverSecret(ctx.db), token) as { w?: unknown; k?: unknown; m?: unknown; e?: unknown } | null;
  if (!value || typeof value.w !== 'number' || typeof value.e !== 'number' || (value.k !== 'd' && value.k !== 'c') || (value.m !== 'v' && value.m !== 'd')) {
    return null;
  }
  const expiresAt = new Date(value.e * 1000);
  return {
    workflowId: toWorkflowId(value.w),
    kind: value.k === 'd' ? 'document' : 'certificate',
    mode: value.m === 'v' ? 'viewer' : 'download',
    expiresAt,
    expired: expiresAt <= now,
  };
}
