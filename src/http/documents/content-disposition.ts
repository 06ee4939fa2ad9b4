// A Content-Disposition that keeps a Korean file name: an ASCII fallback plus RFC 5987's filename*.
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** eSignon refuses ' " \ / : | < > . ? in names, but templates and old data may differ: make it a file name. */
export function pdfFileName(workflowName: string, suffix: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it takes out
  const base = workflowName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'document';
  return `${base}${suffix}.pdf`;
}
