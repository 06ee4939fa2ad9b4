// The image itself (`npm run test:container`, after run.sh has built it): its size above the
// base, its health check (kept by the docker format), its user, its command and its /data.
import { describe, expect, it } from 'vitest';
import { BASE_IMAGE, IMAGE, imageBytes, podman } from './podman.ts';

/** As docker and podman count image sizes. */
const MB = 1_000_000;

describe('the image', () => {
  it('is under 300 MB above its base, declares its health check and runs node as node', async () => {
    const [image, base] = await Promise.all([imageBytes(IMAGE), imageBytes(BASE_IMAGE)]);
    console.log(
      `\n  ${IMAGE}: ${(image / MB).toFixed(0)} MB, ${((image - base) / MB).toFixed(0)} MB above ${BASE_IMAGE} (${(base / MB).toFixed(0)} MB here)\n`,
    );
    expect(image - base).toBeLessThan(300 * MB);
    // podman answers the health check beside Config (an OCI-format build would have dropped it).
    const [inspected] = JSON.parse(await podman('image', 'inspect', IMAGE));
    expect(inspected.Config.User).toBe('node');
    expect(inspected.Config.Cmd).toEqual(['node', '--import', 'tsx', 'src/main.ts']);
    expect(inspected.Healthcheck.Test.join(' ')).toContain('/readyz');
    // What a new named volume copies: /data's owner and mode.
    expect(await podman('run', '--rm', '--network=host', IMAGE, 'stat', '-c', '%U %a', '/data')).toBe('node 700');
  });
});
