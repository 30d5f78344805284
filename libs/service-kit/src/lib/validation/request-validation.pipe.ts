import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { toFieldErrors } from './field-errors';

export const VALIDATION_ERROR_CODE = 'REQUEST-validation-failed';

/**
 * Global pipe: unknown properties are refused, payloads become DTO instances, and the 400 answer
 * names every field: message "userName: must contain only letters and digits",
 * details `{ fields: [{ field, errors }] }`.
 */
export function createRequestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = toFieldErrors(errors);
      const message =
        fields.map((f) => `${f.field}: ${f.errors.join(', ')}`).join('; ') || 'Invalid request';
      return new BadRequestException({ message, code: VALIDATION_ERROR_CODE, details: { fields } });
    },
  });
}
