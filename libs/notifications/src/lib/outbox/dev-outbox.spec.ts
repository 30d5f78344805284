import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordingLogger } from '../../test-support/recording-logger';
import { tempDir } from '../../test-support/temp-dir';
import { DeliveryError } from '../delivery-error';
import type { EmailNotification, SmsNotification } from '../notification';
import { DevOutbox } from './dev-outbox';

const signInCode: EmailNotification = {
  kind: 'email',
  to: 'Ada@Example.com',
  subject: 'Your sign-in code',
  text: 'Your code is 482913.\nIt expires in 10 minutes.',
  tag: 'sign-in-code',
};
const smsCode: SmsNotification = {
  kind: 'sms',
  to: '+41791234567',
  text: 'Code 771204',
  tag: 'sign-in-code',
};

describe('DevOutbox', () => {
  const dir = tempDir('outbox-');
  let n = 0;
  const freshDataDir = () => join(dir.path, `data-${++n}`);
  afterAll(() => dir.remove());

  it('shows messages written by two processes sharing the data folder, newest first', async () => {
    const dataDir = freshDataDir();
    const authService = new DevOutbox({ dataDir, logger: recordingLogger() });
    const otherService = new DevOutbox({ dataDir, logger: recordingLogger() });

    const first = await authService.send(signInCode);
    await otherService.send(smsCode);
    await authService.send({
      ...signInCode,
      tag: 'password-changed',
      subject: 'Password changed',
      text: 'Done.',
    });

    for (const outbox of [authService, otherService]) {
      const items = await outbox.list();
      expect(items.map((i) => [i.kind, i.tag])).toEqual([
        ['email', 'password-changed'],
        ['sms', 'sign-in-code'],
        ['email', 'sign-in-code'],
      ]);
    }
    const oldest = (await otherService.list()).at(-1);
    expect(oldest).toMatchObject({
      id: first.id,
      to: 'Ada@Example.com',
      subject: 'Your sign-in code',
      text: signInCode.text,
    });
    expect(first).toEqual({ id: oldest?.id, channel: 'outbox', tag: 'sign-in-code', attempts: 1 });
    expect(authService.file).toBe(join(dataDir, 'outbox', 'outbox.jsonl'));
  });

  it('filters by recipient (email without case) and limits the list', async () => {
    const outbox = new DevOutbox({ dataDir: freshDataDir(), logger: recordingLogger() });
    await outbox.send(signInCode);
    await outbox.send({ ...signInCode, text: 'Your code is 000111.' });
    await outbox.send(smsCode);

    expect((await outbox.list({ to: 'ada@example.com' })).map((i) => i.text)).toEqual([
      'Your code is 000111.',
      signInCode.text,
    ]);
    expect((await outbox.list({ to: '+41791234567' })).map((i) => i.text)).toEqual(['Code 771204']);
    expect(await outbox.list({ to: 'nobody@example.com' })).toEqual([]);
    expect((await outbox.list({ limit: 1 })).map((i) => i.kind)).toEqual(['sms']);
  });

  it('prints each message with its body on one log line and says it is development only', async () => {
    const logger = recordingLogger();
    const outbox = new DevOutbox({ dataDir: freshDataDir(), logger });
    await outbox.send(signInCode);

    const [notice, line] = logger.records;
    expect(notice.level).toBe('warn');
    expect(notice.msg).toMatch(/NOT sent.*Development only.*NOTIFIER_EMAIL=smtp/);
    expect(line.level).toBe('info');
    expect(line.msg).toBe(
      '[dev outbox, not sent] email to Ada@Example.com (sign-in-code) "Your sign-in code": ' +
        'Your code is 482913. ⏎ It expires in 10 minutes.',
    );
  });

  it('keeps the last messages of this process in memory', async () => {
    const outbox = new DevOutbox({
      dataDir: freshDataDir(),
      logger: recordingLogger(),
      ringSize: 2,
    });
    for (const text of ['one', 'two', 'three']) await outbox.send({ ...smsCode, text });
    expect(outbox.recent().map((e) => e.text)).toEqual(['two', 'three']);
  });

  it('refuses a message it could never deliver, and writes nothing', async () => {
    const outbox = new DevOutbox({ dataDir: freshDataDir(), logger: recordingLogger() });
    for (const bad of [
      { ...signInCode, to: 'ada@example.com, eve@example.com' },
      { ...smsCode, to: '0791234567' },
      { ...smsCode, text: '  ' },
    ]) {
      const error = await outbox.send(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeliveryError);
      expect(error).toMatchObject({
        code: 'NOTIFY-invalid-message',
        permanent: true,
        channel: 'outbox',
      });
    }
    expect(await outbox.list()).toEqual([]);
  });

  it('skips a torn or foreign line instead of failing the whole list', async () => {
    const outbox = new DevOutbox({ dataDir: freshDataDir(), logger: recordingLogger() });
    await outbox.send(smsCode);
    appendFileSync(outbox.file, '{"id":"half-writ\nnot json\n');
    await outbox.send({ ...smsCode, text: 'after' });
    expect((await outbox.list()).map((i) => i.text)).toEqual(['after', 'Code 771204']);
  });

  it('reports a data folder it cannot write to as a failure worth retrying', async () => {
    const blocked = join(dir.path, 'a-file');
    writeFileSync(blocked, 'not a folder');
    const outbox = new DevOutbox({ dataDir: blocked, logger: recordingLogger() });
    await expect(outbox.send(smsCode)).rejects.toMatchObject({
      code: 'NOTIFY-outbox-write-failed',
      permanent: false,
      lastError: expect.not.stringContaining('771204'),
    });
  });
});
