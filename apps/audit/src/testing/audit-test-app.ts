import type { EventStore } from '@accounts/event-store';
import type { TokenVerifier } from '@accounts/security';
import { createTestApp, EVENT_STORE, type TestApp } from '@accounts/service-kit';
import request from 'supertest';
import { AuditModule } from '../app/audit.module';
import { SERVICE_NAME } from '../app/service-name';
import { auditConfigSchema } from '../config';

/**
 * The audit service as it runs (real SQLite store in a temp folder, real HTTP), trusting the tests'
 * tokens. The sealer is off unless `env` turns it on, so a test's store holds only what it appended.
 */
export class AuditTestApp {
  private constructor(readonly t: TestApp) {}

  static async start(
    verifier: TokenVerifier,
    env: Record<string, string> = {},
  ): Promise<AuditTestApp> {
    const t = await createTestApp({
      serviceName: SERVICE_NAME,
      schema: auditConfigSchema,
      env: { AUDIT_SEAL_INTERVAL_SECONDS: '0', ...env },
      imports: [AuditModule.forRoot({ tokenVerifier: verifier })],
    });
    return new AuditTestApp(t);
  }

  http() {
    return request(this.t.app.getHttpServer());
  }

  get store(): EventStore {
    return this.t.app.get<EventStore>(EVENT_STORE);
  }

  close(): Promise<void> {
    return this.t.close();
  }
}
