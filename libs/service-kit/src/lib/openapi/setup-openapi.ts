import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { documentErrorResponses } from './error-responses';

/** Swagger UI at /docs, the OpenAPI JSON at /docs-json. */
export function setupOpenApi(app: INestApplication, title: string, description?: string): void {
  // Built at the first request for it, not at start: a worker nobody asks for the docs never holds it.
  const document = () =>
    documentErrorResponses(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle(title)
          .setDescription(description ?? `HTTP API of ${title}`)
          .setVersion('1')
          .addBearerAuth()
          .build(),
      ),
    );
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: title,
  });
}
