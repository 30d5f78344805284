/**
 * The smallest servers a request can go through, for `npm run bench -- request-path`:
 *   raw     node:http answering JSON;
 *   fastify a bare Fastify app (what the services run on);
 *   nest    a service exactly as bootstrapService builds it (Nest on Fastify, the kit's hooks, access
 *           log, helmet headers, metrics, error filter, validation pipe) with one bare route and one
 *           validated POST.
 * Usage: request-path-server <mode> (PORT, HOST and LOG_LEVEL from the environment).
 */
import { Body, Controller, Get, Post } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import { fastify } from 'fastify';
import { createServer } from 'node:http';
import { baseConfigSchema, bootstrapService } from '@accounts/service-kit';

class EchoDto {
  @IsString()
  @MaxLength(100)
  readonly firstName!: string;

  @IsString()
  @MaxLength(100)
  readonly lastName!: string;
}

@Controller('bench')
class BareController {
  @Get('bare')
  bare(): { ok: true } {
    return { ok: true };
  }

  @Post('echo')
  echo(@Body() body: EchoDto): { firstName: string; lastName: string } {
    return { firstName: body.firstName, lastName: body.lastName };
  }
}

const mode = process.argv[2];
const port = Number(process.env['PORT']);
const host = process.env['HOST'] ?? '127.0.0.1';
if (mode === 'raw') {
  createServer((req, res) => {
    if (req.method === 'POST') {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        const body = JSON.parse(text) as { firstName: string; lastName: string };
        res
          .writeHead(201, { 'content-type': 'application/json' })
          .end(JSON.stringify({ firstName: body.firstName, lastName: body.lastName }));
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  }).listen(port, host, () => process.stdout.write('listening\n'));
} else if (mode === 'fastify') {
  const app = fastify();
  app.get('/bench/bare', async () => ({ ok: true }));
  app.post('/bench/echo', async (request, reply) => {
    const body = request.body as { firstName: string; lastName: string };
    return reply.status(201).send({ firstName: body.firstName, lastName: body.lastName });
  });
  void app.listen({ port, host }).then(() => process.stdout.write('listening\n'));
} else if (mode === 'nest') {
  void bootstrapService({
    serviceName: 'bench-bare',
    schema: baseConfigSchema,
    controllers: [BareController],
    env: { ...process.env, WORKERS: '1' },
  });
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
