import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { requestContextOf } from './request-context-storage';

/** What command metadata needs to know about the HTTP request that caused it. */
export interface RequestContext {
  readonly correlationId: string;
  readonly ip?: string;
  readonly userAgent?: string;
}

/** Handler parameter: `create(@RequestContext() ctx: RequestContext)`. */
export const RequestContext = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): RequestContext =>
    requestContextOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
