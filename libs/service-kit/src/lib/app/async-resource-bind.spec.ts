import Fastify, { type FastifyInstance } from 'fastify';
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { connect } from 'node:net';
import { baseConfigSchema } from '../config/base-config';
import { loadConfig } from '../config/load-config';
import { installCheapAsyncResourceBind } from './async-resource-bind';
import { registerBodyParsers } from './body-parsers';

const nativeBind = AsyncResource.prototype.bind;

/** bind(fn, thisArg): Node has taken thisArg since 16; @types/node does not declare it. */
function bindWithThis<F extends (...args: never[]) => unknown>(
  resource: AsyncResource,
  fn: F,
  thisArg: unknown,
): F {
  return (resource.bind as (fn: F, thisArg: unknown) => F)(fn, thisArg);
}

describe('installCheapAsyncResourceBind', () => {
  beforeAll(() => installCheapAsyncResourceBind());

  it('is installed by createHttpAdapter, so every service gets it (grant, refresh, PATCH, sign-in bodies)', () => {
    const cheap = AsyncResource.prototype.bind;
    AsyncResource.prototype.bind = nativeBind;
    try {
      jest.isolateModules(() => {
        // A fresh copy of the kit's modules: nothing installed yet in this registry.
        const platform = jest.requireActual<typeof import('./http-platform')>('./http-platform');
        platform.createHttpAdapter(
          loadConfig(baseConfigSchema, { PORT: '3000', DATA_DIR: '/tmp' }),
        );
      });
      expect(AsyncResource.prototype.bind).not.toBe(nativeBind);
    } finally {
      AsyncResource.prototype.bind = cheap;
    }
  });

  it('replaces Node 20 bind, which defines the deprecated getters on every call', () => {
    expect(AsyncResource.prototype.bind).not.toBe(nativeBind);
  });

  it('runs the function in the async scope of the resource, not of the caller', async () => {
    const storage = new AsyncLocalStorage<string>();
    const bound = storage.run('at bind time', () =>
      new AsyncResource('test').bind(() => storage.getStore()),
    );
    const seen = await storage.run(
      'at call time',
      () => new Promise((r) => setImmediate(() => r(bound()))),
    );
    expect(seen).toBe('at bind time');
  });

  it('passes the arguments and returns the result; `this` is the caller, or thisArg when given', () => {
    const resource = new AsyncResource('test');
    const receiver = { name: 'receiver' };
    const own = { name: 'own' };
    const add = resource.bind(function (this: unknown, a: number, b: number, c = 0) {
      return { this: this, sum: a + b + c };
    });
    expect(add.call(receiver, 1, 2, 3)).toEqual({ this: receiver, sum: 6 });
    const withThis = bindWithThis(
      resource,
      function (this: unknown) {
        return this;
      },
      own,
    );
    expect(withThis.call(receiver)).toBe(own);
  });

  it("keeps the function's length, as Node's bind does (arity checks of callbacks)", () => {
    const resource = new AsyncResource('test');
    const lengths = [
      () => 0,
      (a: number) => a,
      (a: number, b: number) => a + b,
      (a: number, b: number, c: number) => a + b + c,
      (a: number, b: number, c: number, d: number) => a + b + c + d,
      (a: number, b: number, c: number, d: number, e: number) => a + b + c + d + e,
    ].map((fn) => resource.bind(fn).length);
    expect(lengths).toEqual([0, 1, 2, 3, 4, 5]);
    expect(bindWithThis(resource, (a: number) => a, {}).length).toBe(1);
  });

  it('keeps the deprecated asyncResource property (the resource, enumerable)', () => {
    const resource = new AsyncResource('test');
    const bound = resource.bind(() => undefined) as unknown as Record<string, unknown>;
    expect(Object.keys(bound)).toContain('asyncResource');
    expect(bound['asyncResource']).toBe(resource);
  });

  it('refuses what is not a function, as Node does', () => {
    const resource = new AsyncResource('test');
    expect(() => resource.bind('nope' as unknown as () => void)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }),
    );
  });
});

describe('Fastify body parsing with the cheap bind', () => {
  const storage = new AsyncLocalStorage<string>();
  let fastify: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    installCheapAsyncResourceBind();
    fastify = Fastify();
    // A context entered before the body is read, as a tracer or a request-scoped logger would.
    fastify.addHook('onRequest', (request, _reply, done) => {
      storage.run(`context of ${String(request.headers['x-request'])}`, done);
    });
    registerBodyParsers(fastify);
    fastify.post('/echo', async (request) => ({ context: storage.getStore(), body: request.body }));
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    port = (fastify.server.address() as { port: number }).port;
  });

  afterAll(() => fastify.close());

  /** Headers first, the body a moment later: the body's end then comes from a later socket read. */
  function slowPost(contentType: string, body: string, id: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('error', reject);
      socket.on('end', () => resolve(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))));
      socket.write(
        `POST /echo HTTP/1.1\r\nHost: test\r\nConnection: close\r\nX-Request: ${id}\r\n` +
          `Content-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
      );
      setTimeout(() => socket.write(body), 30);
    });
  }

  it("keeps the request's AsyncLocalStorage context through form and JSON bodies", async () => {
    await expect(
      slowPost('application/x-www-form-urlencoded', 'grant_type=client_credentials', 'form'),
    ).resolves.toEqual({ context: 'context of form', body: { grant_type: 'client_credentials' } });
    await expect(slowPost('application/json', '{"name":"x"}', 'json')).resolves.toEqual({
      context: 'context of json',
      body: { name: 'x' },
    });
  });

  it('would lose it without a bind that carries the context (so the test above proves something)', async () => {
    const cheap = AsyncResource.prototype.bind;
    AsyncResource.prototype.bind = function <F>(fn: F): F {
      return fn;
    } as typeof AsyncResource.prototype.bind;
    try {
      await expect(slowPost('application/json', '{}', 'lost')).resolves.toEqual({ body: {} });
    } finally {
      AsyncResource.prototype.bind = cheap;
    }
  });
});
