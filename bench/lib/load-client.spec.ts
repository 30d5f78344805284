import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getActiveResourcesInfo } from 'node:process';
import {
  closeConnections,
  openConnection,
  openConnections,
  ownCpuMs,
  warmUpClient,
} from './load-client';

/** A loopback server that echoes what it was sent and counts the connections it accepted. */
function echoServer(): Promise<{ server: Server; origin: string; connections: () => number }> {
  let connections = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      res.statusCode = req.url === '/missing' ? 404 : 200;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          method: req.method,
          url: req.url,
          body,
          auth: req.headers['authorization'],
        }),
      );
    });
  });
  server.on('connection', () => (connections += 1));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        connections: () => connections,
      }),
    ),
  );
}

describe('the benchmarks load generator', () => {
  let target: Awaited<ReturnType<typeof echoServer>>;
  beforeEach(async () => (target = await echoServer()));
  afterEach(() => new Promise((resolve) => target.server.close(resolve)));

  it.each(['undici', 'node-http', 'fetch'] as const)(
    '%s: answers each request with its status, body and latency',
    async (kind) => {
      const connection = openConnection(target.origin, kind);
      const posted = await connection.post(
        '/oauth/token',
        { authorization: 'Basic abc', 'content-type': 'application/x-www-form-urlencoded' },
        'grant_type=client_credentials',
      );
      const missing = await connection.get('/missing');
      await connection.close();

      expect(posted.status).toBe(200);
      expect(JSON.parse(posted.body)).toEqual({
        method: 'POST',
        url: '/oauth/token',
        body: 'grant_type=client_credentials',
        auth: 'Basic abc',
      });
      expect(posted.ms).toBeGreaterThan(0);
      expect(missing.status).toBe(404);
      expect(JSON.parse(missing.body)).toMatchObject({ method: 'GET', url: '/missing' });
    },
  );

  it.each(['undici', 'node-http'] as const)(
    '%s: a virtual user keeps one keep-alive connection for all its requests',
    async (kind) => {
      const connections = openConnections(target.origin, 3, kind);
      for (let round = 0; round < 5; round++)
        await Promise.all(connections.map((connection) => connection.get(`/r${round}`)));
      await closeConnections(connections);

      expect(target.connections()).toBe(3);
    },
  );

  it('refuses an origin that is not a loopback address, before sending anything', () => {
    expect(() => openConnection('http://example.com:80')).toThrow(/not a loopback address/);
    expect(() => openConnection('http://10.0.0.1:3000', 'node-http')).toThrow(/not a loopback/);
    expect(target.connections()).toBe(0);
  });

  it('reports the CPU this process spent since a mark in milliseconds', () => {
    const mark = process.cpuUsage();
    const deadline = Date.now() + 5_000;
    // spin until the kernel has charged 20 ms of CPU to this process (bounded by the wall clock)
    while (Date.now() < deadline) {
      const used = process.cpuUsage(mark);
      if (used.user + used.system >= 20_000) break;
    }
    expect(ownCpuMs(mark)).toBeGreaterThanOrEqual(20);
    expect(ownCpuMs(mark)).toBeLessThan(5_000);
  });

  it('warms the client up against a server of its own, then leaves nothing open and the target untouched', async () => {
    // Closed handles (of the tests before) leave the list at the loop's next turns.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = getActiveResourcesInfo().filter(
      (r) => r === 'TCPServerWrap' || r === 'TCPSocketWrap',
    );
    await warmUpClient(300);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = getActiveResourcesInfo().filter(
      (r) => r === 'TCPServerWrap' || r === 'TCPSocketWrap',
    );

    expect(after).toEqual(before);
    expect(target.connections()).toBe(0);
  });
});
