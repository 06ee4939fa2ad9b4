// Inside an iframe the page tells the integrator's page what happened:
// {type: "dojang:<event>", workflow_id, step}. Nothing secret goes in a message.
export type EmbedEvent = 'loaded' | 'verified' | 'completed' | 'returned' | 'error';

export function tellParent(event: EmbedEvent, about: { workflowId: string | null; step: number | null }, extra: Record<string, string> = {}): void {
  if (window.parent === window) return;
  window.parent.postMessage({ type: `dojang:${event}`, workflow_id: about.workflowId, step: about.step, ...extra }, '*');
}
