import { SqliteEventStore } from '@accounts/event-store';
import { rebuildAgainstLive } from '@accounts/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trustedDevicesProjection } from './trusted-devices.projection';

describe('trusted_devices: a rebuild equals the live model row for row (issue 10)', () => {
  it('after thousands of scripted events (renames, method changes, trusted computers, sessions, credentials), rebuilt while events keep coming', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebuild-live-'));
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'normal' });
    try {
      const { live, rebuilt, events } = await rebuildAgainstLive(
        store,
        trustedDevicesProjection,
        ['trusted_devices'],
        join(dir, 'read.sqlite'),
      );
      expect(events).toBeGreaterThan(3000);
      expect(live['trusted_devices'].length).toBeGreaterThan(60);
      expect(rebuilt).toEqual(live);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
