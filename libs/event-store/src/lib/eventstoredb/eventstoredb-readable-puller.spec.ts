import { PassThrough, Readable } from 'node:stream';
import { ReadablePuller } from './eventstoredb-readable-puller';

describe('ReadablePuller', () => {
  it('hands out every object in order, then undefined at the end', async () => {
    const puller = new ReadablePuller<number>(Readable.from([1, 2, 3]));
    expect([
      await puller.next(),
      await puller.next(),
      await puller.next(),
      await puller.next(),
    ]).toEqual([1, 2, 3, undefined]);
  });

  it('reads only as fast as it is asked (back-pressure): the source stops at its buffer limit', async () => {
    let produced = 0;
    const source = new Readable({
      objectMode: true,
      highWaterMark: 4,
      read() {
        this.push(++produced);
      },
    });
    const puller = new ReadablePuller<number>(source);
    expect(await puller.next()).toBe(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(produced).toBeLessThanOrEqual(6);
    expect(await puller.next()).toBe(2);
    source.destroy();
  });

  it('waits for objects written later', async () => {
    const source = new PassThrough({ objectMode: true });
    const puller = new ReadablePuller<string>(source);
    const pending = puller.next();
    expect(puller.waiting).toBe(true);
    source.write('late');
    expect(await pending).toBe('late');
    expect(puller.waiting).toBe(false);
  });

  it('ends a waiting call when closed from outside', async () => {
    const puller = new ReadablePuller<string>(new PassThrough({ objectMode: true }));
    const pending = puller.next();
    puller.close();
    await expect(pending).resolves.toBeUndefined();
    await expect(puller.next()).resolves.toBeUndefined();
  });

  it("throws the stream's error after the objects that came before it", async () => {
    const source = new PassThrough({ objectMode: true });
    const puller = new ReadablePuller<string>(source);
    source.write('first');
    await new Promise((r) => setImmediate(r));
    source.emit('error', new Error('connection lost'));
    expect(await puller.next()).toBe('first');
    await expect(puller.next()).rejects.toThrow('connection lost');
  });
});
