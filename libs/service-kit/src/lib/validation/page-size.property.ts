import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The `limit` query parameter of a paged list: optional, a whole number from 1 to `maximum`
 * (a clear 400 naming `limit` otherwise), documented with its default.
 */
export function PageSizeProperty(options: {
  readonly default: number;
  readonly maximum: number;
  readonly description?: string;
}): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      ...(options.description !== undefined && { description: options.description }),
      minimum: 1,
      maximum: options.maximum,
      default: options.default,
    }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(options.maximum),
  );
}
