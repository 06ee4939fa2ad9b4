// Prometheus metrics of the Export API outbox, served at /metrics, so an
// operator sees a backlog, failing receivers and slow deliveries without reading the database.

import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DeliveryOutcomeKind } from './deliver-export.ts';

export interface ExportMetrics {
  eventsCreated: Counter;
  /** Attempts by outcome: delivered, failed, gone. */
  deliveries: Counter<'outcome'>;
  failedAttempts: Counter;
  dead: Counter;
  pending: Gauge;
  deliveryDuration: Histogram;
  latency: Histogram;
  /** An export event was recorded. */
  recordEventCreated(): void;
  /** An attempt finished; `eventCreatedAt` gives the creation-to-delivery latency. */
  recordAttempt(outcome: { kind: DeliveryOutcomeKind; durationMs: number }, eventCreatedAt: Date, now?: Date): void;
  /** An event will not be tried again (schedule exhausted or 410). */
  recordDead(): void;
}

export function createExportMetrics(registry: Registry, options: { countPending: () => Promise<number> }): ExportMetrics {
  const registers = [registry];
  const eventsCreated = new Counter({
    name: 'dojang_export_events_created_total',
    help: 'Export events recorded',
    registers,
  });
  const deliveries = new Counter({
    name: 'dojang_export_deliveries_total',
    help: 'Export delivery attempts by outcome (delivered, failed, gone)',
    labelNames: ['outcome'] as const,
    registers,
  });
  const failedAttempts = new Counter({
    name: 'dojang_export_failed_attempts_total',
    help: 'Export delivery attempts that did not deliver',
    registers,
  });
  const dead = new Counter({
    name: 'dojang_export_dead_total',
    help: 'Export events given up on',
    registers,
  });
  const { countPending } = options;
  const pending = new Gauge({
    name: 'dojang_export_pending',
    help: 'Export events not yet delivered or dead',
    registers,
    async collect() {
      this.set(await countPending());
    },
  });
  const deliveryDuration = new Histogram({
    name: 'dojang_export_delivery_duration_seconds',
    help: 'Duration of one export delivery attempt',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
    registers,
  });
  const latency = new Histogram({
    name: 'dojang_export_latency_seconds',
    help: 'Time from an export event being recorded to its delivery',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 300, 1800, 7200, 36000, 86400, 259200],
    registers,
  });
  // The outcome label is pre-set so every series exists from the start.
  for (const outcome of ['delivered', 'failed', 'gone'] satisfies DeliveryOutcomeKind[]) {
    deliveries.labels(outcome).inc(0);
  }

  return {
    eventsCreated,
    deliveries,
    failedAttempts,
    dead,
    pending,
    deliveryDuration,
    latency,
    recordEventCreated: () => eventsCreated.inc(),
    recordAttempt(outcome, eventCreatedAt, now = new Date()) {
      deliveries.labels(outcome.kind).inc();
      deliveryDuration.observe(outcome.durationMs / 1000);
      if (outcome.kind === 'delivered') {
        latency.observe(Math.max(0, now.getTime() - eventCreatedAt.getTime()) / 1000);
      } else {
        failedAttempts.inc();
      }
    },
    recordDead: () => dead.inc(),
  };
}
