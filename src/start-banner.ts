// What `npm start` prints: where Dojang is, how to log in, and a curl that starts a contract.
import type { Config } from './config.ts';
import { DEMO } from './demo/seed-demo.ts';
import type { TemplateId } from './domain/ids.ts';

export interface BannerFacts {
  config: Config;
  listening: string;
  demo: { templateId: TemplateId; token: string; webhookSecret: string } | null;
  notifyRoutes: { email: string; mobile: string };
}

export function startBanner({ config, listening, demo, notifyRoutes }: BannerFacts): string {
  const lines = [
    '',
    `  도장 Dojang is running at ${config.publicUrl}  (listening on ${listening})`,
    `  Database: ${config.database.kind === 'sqlite' ? `SQLite ${config.database.file}` : 'PostgreSQL'}   Files: ${config.fileStore === 'disk' ? config.dataDir : 'in the database'}`,
    `  Console: ${config.publicUrl}/console   API documentation: ${config.publicUrl}/docs   OpenAPI: ${config.publicUrl}/openapi.json`,
    `  Messages: email → ${notifyRoutes.email}, mobile → ${notifyRoutes.mobile}${notifyRoutes.email === 'dev' || notifyRoutes.mobile === 'dev' ? ' (dev: written to this log, with their links)' : ''}`,
  ];
  if (!config.production) {
    lines.push('  Export receivers on loopback (127.0.0.1, ::1) are allowed because NODE_ENV is not "production".');
  }
  if (demo) {
    const body = JSON.stringify({
      header: { request_code: '5005Q', version: '9.9.99' },
      body: {
        workflow_name: '데모 계약',
        doc_id: String(demo.templateId),
        language: 'ko-KR',
        player_list: [
          { field_owner: '1', email: 'customer@example.com', name: '홍길동' },
          { field_owner: '2', email: DEMO.email, name: '도장 담당자' },
        ],
        field_list: [{ field_name: 'contract_number', field_value: 'DEMO-0001' }],
        export_api_info: {
          api_type: 'ALL',
          url: 'http://127.0.0.1:4000/exports',
          request_code: 'embed',
          request_params: [{ param_id: 'customer', param_value: '', fields: ['customer_name'] }],
        },
      },
    });
    lines.push(
      '',
      `  Demo company "${DEMO.company}": log in as ${DEMO.email} / ${DEMO.password}`,
      '',
      "  1. In another terminal, receive the exports (signature checked with the demo company's secret):",
      `     npx dojang listen --port 4000 --secret ${demo.webhookSecret}`,
      '',
      "  2. Start a contract (the answer's play_url is the first signer's signing page):",
      `     curl -s -X POST ${config.publicUrl}/api/${DEMO.company}/startsimple \\`,
      `       -H 'Content-Type: application/json' -H 'Authorization: esignon ${demo.token}' \\`,
      `       -d '${body}'`,
      '',
      `  Log in yourself: curl -s -X POST ${config.publicUrl}/api/${DEMO.company}/login -H 'Content-Type: application/json' -d '${JSON.stringify({ header: { request_code: '1001Q' }, body: { memb_email: DEMO.email, memb_pwd: DEMO.password } })}'`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
