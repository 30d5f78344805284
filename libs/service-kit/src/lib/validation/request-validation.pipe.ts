import {
  type ArgumentMetadata,
  BadRequestException,
  ValidationPipe,
  type ValidationPipeOptions,
} from '@nestjs/common';
import { toFieldErrors } from './field-errors';
import { FlatBodyCheck } from './flat-body-check';

export const VALIDATION_ERROR_CODE = 'REQUEST-validation-failed';

/**
 * The global pipe with a fast path: a flat body of a DTO with plain property rules that every rule
 * accepts becomes the DTO without class-transformer's and class-validator's walk (FlatBodyCheck:
 * measured 11 µs a PATCH /accounts/me body through the pipe, most of its allocations); anything else,
 * and every refusal, goes through ValidationPipe as before.
 */
class RequestValidationPipe extends ValidationPipe {
  /** Per DTO class: its check, or null when the full pipe always runs. */
  private readonly checks = new Map<unknown, FlatBodyCheck | null>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype as (new () => object) | undefined;
    if (metatype && this.toValidate(metadata)) {
      let check = this.checks.get(metatype);
      if (check === undefined) {
        check = FlatBodyCheck.of(metatype) ?? null;
        this.checks.set(metatype, check);
      }
      const dto = check?.accept(value);
      if (dto) return dto;
    }
    return super.transform(value, metadata);
  }
}

/**
 * Global pipe: unknown properties are refused, payloads become DTO instances, and the 400 answer
 * names every field: message "userName: must contain only letters and digits",
 * details `{ fields: [{ field, errors }] }`.
 */
export function createRequestValidationPipe(): ValidationPipe {
  return new RequestValidationPipe(requestValidationOptions);
}

/** The global pipe's options (its fast path answers as a ValidationPipe with them would). */
export const requestValidationOptions: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => {
    const fields = toFieldErrors(errors);
    const message =
      fields.map((f) => `${f.field}: ${f.errors.join(', ')}`).join('; ') || 'Invalid request';
    return new BadRequestException({ message, code: VALIDATION_ERROR_CODE, details: { fields } });
  },
};
