import { TransformationType } from 'class-transformer';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import {
  getMetadataStorage,
  type ValidationArguments,
  type ValidatorConstraintInterface,
  ValidationTypes,
} from 'class-validator';

// class-transformer's metadata (Type, Transform, Expose, Exclude): its package has no typed export of it.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  readonly defaultMetadataStorage: MetadataStorage;
};

/** One property of a DTO: the conditions that gate it (IsOptional, ValidateIf), then its validators. */
interface PropertyCheck {
  readonly property: string;
  readonly conditions: readonly ((object: object, value: unknown) => boolean)[];
  readonly validators: readonly {
    readonly instance: ValidatorConstraintInterface;
    readonly constraints: unknown[];
  }[];
}

/**
 * The check of a DTO whose rules are all plain property validators (class-validator's built-in ones
 * such as IsString, MaxLength, Matches, IsIn, with IsOptional or ValidateIf) and which
 * class-transformer copies as it is (no Type, Transform, Expose or Exclude): the global pipe's answer
 * for a flat body of such a DTO (every value a string, number, boolean or null) is the DTO with the
 * body's properties, once every validator class-validator would run accepts them. `accept` returns
 * that DTO, or undefined whenever the body is anything else or any rule refuses it: the full
 * ValidationPipe then runs and answers (its errors, its transformation), so a refusal reads as before.
 * The same validator instances and arguments as class-validator's run, in its order.
 */
export class FlatBodyCheck {
  private constructor(
    private readonly metatype: new () => object,
    private readonly properties: readonly PropertyCheck[],
    private readonly known: ReadonlySet<string>,
  ) {}

  /** The check of `metatype`, or undefined when it has a rule or a transformation this does not copy. */
  static of(metatype: new () => object): FlatBodyCheck | undefined {
    const storage = getMetadataStorage();
    // The arguments ValidationExecutor uses for the pipe's options (no groups, always false).
    const metadatas = storage.getTargetValidationMetadatas(
      metatype,
      undefined as unknown as string,
      false,
      false,
      undefined,
    );
    // No rules at all is class-validator's "unknown value" refusal: left to the pipe.
    if (metadatas.length === 0) return undefined;
    const grouped = storage.groupByPropertyName(metadatas);
    const properties: PropertyCheck[] = [];
    for (const [property, rules] of Object.entries(grouped)) {
      if (!copiedAsIs(metatype, property)) return undefined;
      const conditions: PropertyCheck['conditions'][number][] = [];
      const validators: PropertyCheck['validators'][number][] = [];
      for (const rule of rules) {
        if (rule.each) return undefined;
        if (rule.type === ValidationTypes.WHITELIST) continue;
        if (rule.type === ValidationTypes.CONDITIONAL_VALIDATION) {
          conditions.push(rule.constraints[0]);
          continue;
        }
        if (rule.type !== ValidationTypes.CUSTOM_VALIDATION) return undefined;
        for (const constraint of storage.getTargetValidatorConstraints(rule.constraintCls)) {
          if (constraint.async) return undefined;
          validators.push({ instance: constraint.instance, constraints: rule.constraints });
        }
      }
      properties.push({ property, conditions, validators });
    }
    return new FlatBodyCheck(metatype, properties, new Set(Object.keys(grouped)));
  }

  /** The DTO of a flat body every rule accepts; undefined for the full pipe to answer. */
  accept(body: unknown): object | undefined {
    if (!isPlainObject(body)) return undefined;
    for (const key of Object.keys(body)) {
      if (!this.known.has(key)) return undefined;
      const value = body[key];
      if (value !== null && typeof value === 'object') return undefined;
    }
    // As class-transformer builds it: the class's own initial values, then the body's properties.
    const dto: Record<string, unknown> = new this.metatype() as Record<string, unknown>;
    for (const key of Object.keys(body)) {
      if (typeof dto[key] === 'function') return undefined;
      dto[key] = body[key];
    }
    // forbidNonWhitelisted looks at the DTO's keys (initial values included).
    for (const key of Object.keys(dto)) if (!this.known.has(key)) return undefined;
    const targetName = this.metatype.name;
    for (const { property, conditions, validators } of this.properties) {
      const value = dto[property];
      if (!conditions.every((condition) => condition(dto, value))) continue;
      for (const { instance, constraints } of validators) {
        const args: ValidationArguments = {
          targetName,
          property,
          object: dto,
          value,
          constraints,
        };
        if (instance.validate(value, args) !== true) return undefined;
      }
    }
    return dto;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** class-transformer takes the body's value of this property unchanged (no decorator, no accessor). */
function copiedAsIs(metatype: new () => object, property: string): boolean {
  const storage = defaultMetadataStorage;
  if (storage.getExposedMetadatas(metatype).length > 0) return false;
  if (storage.getExcludedMetadatas(metatype).length > 0) return false;
  if (storage.findTypeMetadata(metatype, property)) return false;
  for (const type of [TransformationType.PLAIN_TO_CLASS, TransformationType.CLASS_TO_CLASS])
    if (storage.findTransformMetadatas(metatype, property, type).length > 0) return false;
  for (let proto = metatype.prototype; proto && proto !== Object.prototype; )
    if (Object.getOwnPropertyDescriptor(proto, property)) return false;
    else proto = Object.getPrototypeOf(proto);
  return true;
}
