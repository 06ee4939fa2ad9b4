// Dojang's own API under /api/v1: JSON, proper HTTP statuses, problem+json errors.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.ts';
import { installProblemHandling } from './problem.ts';
import { companyRoutes } from './company.ts';
import { contractRoutes } from './contracts.ts';
import { deliveryRoutes } from './deliveries.ts';
import { templateRoutes } from './templates.ts';

export interface V1Options {
  ctx: Context;
  routes?: ((app: FastifyInstance, ctx: Context) => void)[];
}

export async function v1Plugin(app: FastifyInstance, options: V1Options): Promise<void> {
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 20 } });
  installProblemHandling(app, options.ctx);
  templateRoutes(app, options.ctx);
  contractRoutes(app, options.ctx);
  deliveryRoutes(app, options.ctx);
  companyRoutes(app, options.ctx);
  for (const route of options.routes ?? []) route(app, options.ctx);
}
