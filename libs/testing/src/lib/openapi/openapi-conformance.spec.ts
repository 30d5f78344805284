import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { createTestApp, type TestApp } from '@accounts/service-kit';
import request from 'supertest';
import {
  type Answer,
  findOperation,
  type OpenApiDocument,
  openApiMismatches,
} from './openapi-conformance';
import { undocumentedOperations } from './undocumented-operations';

class ThingAnswer {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

let answer: unknown = {};

@Controller('things')
class ThingsController {
  @Get('mine')
  @ApiOkResponse({ type: [ThingAnswer], description: 'Mine' })
  mine(): unknown {
    return answer;
  }

  @Get(':id')
  @ApiOkResponse({ type: ThingAnswer, description: 'One thing' })
  one(@Param('id') id: string): unknown {
    return id ? answer : undefined;
  }

  @Post(':id/touch')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Touched' })
  touch(): void {
    answer = undefined;
  }

  @Post()
  create(): unknown {
    return answer;
  }
}

describe('openApiMismatches: a served answer against the served document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    t = await createTestApp({
      serviceName: 'test-service',
      controllers: [ThingsController],
    });
    doc = (await request(t.app.getHttpServer()).get('/docs-json')).body;
  });
  afterAll(() => t.close());

  const ask = async (method: 'get' | 'post', path: string, body: unknown): Promise<Answer> => {
    answer = body;
    const res = await request(t.app.getHttpServer())[method](path);
    return {
      method,
      path,
      status: res.status,
      headers: res.headers,
      body: res.body,
      text: res.text ?? '',
    };
  };
  const ID = '6f1c2a4e-8b3d-4c5e-9f0a-1b2c3d4e5f60';

  it('accepts an answer that is what the document says, null where nullable', async () => {
    expect(
      openApiMismatches(doc, await ask('get', `/things/${ID}`, { id: ID, note: null })),
    ).toEqual([]);
    expect(
      openApiMismatches(doc, await ask('get', '/things/mine', [{ id: ID, note: 'x' }])),
    ).toEqual([]);
    expect(openApiMismatches(doc, await ask('post', `/things/${ID}/touch`, undefined))).toEqual([]);
  });

  it('names a missing field, a wrong type, a bad format and a field the document does not know', async () => {
    expect(
      openApiMismatches(doc, await ask('get', `/things/${ID}`, { id: 'nope', extra: 1 })),
    ).toEqual([
      "GET /things/{id} → 200: body must have required property 'note'",
      'GET /things/{id} → 200: body must NOT have additional properties (extra)',
      'GET /things/{id} → 200: body/id must match format "uuid"',
    ]);
    expect(openApiMismatches(doc, await ask('get', '/things/mine', [{ id: ID, note: 3 }]))).toEqual(
      ['GET /things/mine → 200: body/0/note must be string'],
    );
  });

  it('prefers the literal path to the parameter, as the router does', () => {
    expect(findOperation(doc, 'GET', '/things/mine?x=1')?.template).toBe('/things/mine');
    expect(findOperation(doc, 'GET', `/things/${ID}`)?.template).toBe('/things/{id}');
    expect(findOperation(doc, 'GET', '/elsewhere')).toBeUndefined();
  });

  it('refuses an undocumented status and a body the document does not describe', () => {
    const base = {
      method: 'get',
      path: `/things/${ID}`,
      headers: { 'content-type': 'application/json' },
    };
    expect(openApiMismatches(doc, { ...base, status: 418, body: {}, text: '{}' })[0]).toMatch(
      /418: status not documented/,
    );
    expect(
      openApiMismatches(doc, {
        ...base,
        method: 'post',
        path: `/things/${ID}/touch`,
        status: 204,
        body: {},
        text: '{}',
      }),
    ).toEqual(['POST /things/{id}/touch → 204: a body ({}), none documented']);
    expect(
      openApiMismatches(doc, {
        ...base,
        status: 200,
        headers: { 'content-type': 'text/html' },
        body: {},
        text: '<p>',
      }),
    ).toEqual(['GET /things/{id} → 200: content type text/html, documented: application/json']);
  });

  it('checks error answers against the one ErrorBody', () => {
    const base = {
      method: 'get',
      path: `/things/${ID}`,
      headers: { 'content-type': 'application/json' },
      text: '{}',
    };
    expect(
      openApiMismatches(doc, {
        ...base,
        status: 404,
        body: { statusCode: 404, error: 'Not Found', message: 'No' },
      }),
    ).toEqual([]);
    expect(openApiMismatches(doc, { ...base, status: 404, body: { message: 'No' } })).toHaveLength(
      2,
    );
  });

  it('lists the operations a client generator could not use: no success schema, or an undeclared path parameter', () => {
    expect(undocumentedOperations(doc).filter((p) => p.includes('/things'))).toEqual([
      'POST /things/{id}/touch: path parameter id not declared',
      'POST /things → 201: no description',
      'POST /things → 201: no schema for the body',
    ]);
  });
});
