import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createExportMetrics } from './export-metrics.ts';

function metricValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('createExportMetrics', () => {
  it('registers every export metric in the given registry', async () => {
    const registry = new Registry();
    createExportMetrics(registry, { countPending: async () => 0 });
    const text = await registry.metrics();
    for (const name of [
      'dojang_export_events_created_total',
      'dojang_export_deliveries_total',
      'dojang_export_failed_attempts_total',
      'dojang_export_dead_total',
      'dojang_export_pending',
      'dojang_export_delivery_duration_seconds',
      'dojang_export_latency_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(metricValue(text, 'dojang_export_deliveries_total{outcome="gone"}')).toBe(0);
  });

  it('counts events, attempts and dead events, and asks for the pending count at scrape time', async () => {
    const registry = new Registry();
    let pending = 7;
    const metrics = createExportMetrics(registry, { countPending: async () => pending });
    const created = new Date('2026-12-01T00:00:00Z');
    metrics.recordEventCreated();
    metrics.recordEventCreated();
    metrics.recordAttempt({ kind: 'failed', durationMs: 15_000 }, created);
    metrics.recordAttempt({ kind: 'gone', durationMs: 12 }, created);
    metrics.recordAttempt({ kind: 'delivered', durationMs: 20 }, created, new Date('2026-12-01T00:00:00.040Z'));
    metrics.recordDead();

    let text = await registry.metrics();
    expect(metricValue(text, 'dojang_export_events_created_total')).toBe(2);
    expect(metricValue(text, 'dojang_export_deliveries_total{outcome="delivered"}')).toBe(1);
    expect(metricValue(text, 'dojang_export_deliveries_total{outcome="failed"}')).toBe(1);
    expect(metricValue(text, 'dojang_export_deliveries_total{outcome="gone"}')).toBe(1);
    expect(metricValue(text, 'dojang_export_failed_attempts_total')).toBe(2);
    expect(metricValue(text, 'dojang_export_dead_total')).toBe(1);
    expect(metricValue(text, 'dojang_export_pending')).toBe(7);
    expect(metricValue(text, 'dojang_export_delivery_duration_seconds_count')).toBe(3);
    expect(metricValue(text, 'dojang_export_delivery_duration_seconds_bucket{le="0.025"}')).toBe(2);
    expect(metricValue(text, 'dojang_export_latency_seconds_count')).toBe(1);
    expect(metricValue(text, 'dojang_export_latency_seconds_bucket{le="0.05"}')).toBe(1);
    expect(metricValue(text, 'dojang_export_latency_seconds_bucket{le="0.025"}')).toBe(0);

    pending = 3;
    text = await registry.metrics();
    expect(metricValue(text, 'dojang_export_pending')).toBe(3);
  });
});
