import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  AccessPolicyGuard,
  AccessTokenGuard,
  PersonOnly,
  Public,
  RequireScope,
  TOKEN_VERIFIER,
} from '@accounts/security';
import { DomainError } from '@accounts/event-sourcing';
import {
  type ArgumentsHost,
  Catch,
  Controller,
  type ExceptionFilter,
  Get,
  type INestApplication,
  Module,
  Post,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { declaredRoutes, describeAccess, walkRoutes } from './route-walk';
import { TestTokens } from './test-tokens';

@Controller('things')
class ThingsController {
  @Get() @RequireScope('profile:read') list() {
    return [];
  }
  @Post() @PersonOnly() create() {
    return {};
  }
  @Get('open') @Public() open() {
    return {};
  }
  // Forgotten declaration: refused to API tokens at run time, reported by the walk.
  @Get('forgotten') forgotten() {
    return {};
  }
}

/** What service-kit's error filter does for the guard's refusals, in two lines (a Fastify reply). */
@Catch(DomainError)
class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse()
      .status(error.kind === 'forbidden' ? 403 : 400)
      .send({ code: error.code });
  }
}

/** The walk itself: it must catch a route without a declaration, and read rules as the guard does. */
describe('walkRoutes', () => {
  let app: INestApplication;
  let tokens: TestTokens;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    @Module({
      controllers: [ThingsController],
      providers: [
        AccessTokenGuard,
        { provide: TOKEN_VERIFIER, useValue: tokens.verifier },
        { provide: APP_GUARD, useClass: AccessPolicyGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
      ],
    })
    class ThingsModule {}
    app = await NestFactory.create<NestFastifyApplication>(ThingsModule, new FastifyAdapter(), {
      logger: false,
    });
    await app.init();
    await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  it('lists every route with its rule, undeclared ones included', () => {
    expect(
      declaredRoutes(app).map((r) => `${r.method} ${r.path} -> ${describeAccess(r.access)}`),
    ).toEqual([
      'GET /things -> scope profile:read',
      'POST /things -> person',
      'GET /things/forgotten -> undeclared',
      'GET /things/open -> public',
    ]);
  });

  it('reports the undeclared route, and finds nothing wrong with the declared ones', async () => {
    const findings = await walkRoutes({
      app,
      allScopes: ['profile:read', 'profile:write'],
      params: {},
      apiToken: (scopes) => tokens.mint({ accountId: 'a', orgId: 'o', kind: 'api', scopes }),
    });
    expect(findings).toEqual([
      {
        route: 'GET /things/forgotten',
        problem: 'declares no access rule (@Public, @PersonOnly or @RequireScope)',
      },
    ]);
    // And the guard fails closed on it: a person passes, an API token does not.
    const api = await tokens.mint({
      accountId: 'a',
      orgId: 'o',
      kind: 'api',
      scopes: ['profile:read', 'profile:write'],
    });
    const supertest = (await import('supertest')).default;
    await supertest(app.getHttpServer())
      .get('/things/forgotten')
      .set('Authorization', `Bearer ${api}`)
      .expect(403);
    await supertest(app.getHttpServer())
      .get('/things/forgotten')
      .set(await tokens.bearer({ accountId: 'a', orgId: 'o' }))
      .expect(200);
  });
});
