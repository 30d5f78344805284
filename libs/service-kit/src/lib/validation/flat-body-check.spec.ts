import { type BadRequestException, ValidationPipe } from '@nestjs/common';
import { PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { FlatBodyCheck } from './flat-body-check';
import { createRequestValidationPipe, requestValidationOptions } from './request-validation.pipe';

class ProfileDto {
  @IsString()
  @Matches(/^[A-Za-z0-9]+$/)
  userName!: string;

  @IsString()
  @MaxLength(5)
  firstName!: string;

  @IsOptional()
  @IsString()
  @Length(2, 4)
  nickName?: string | null;

  @IsOptional()
  @IsIn(['15m', '30m'])
  sessionTimeout?: string;

  @IsOptional()
  @IsBoolean()
  newsletter?: boolean;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  seats?: number;

  @ValidateIf((dto: ProfileDto) => dto.newsletter === true)
  @IsString()
  topic?: string;
}

class ProfileChangesDto extends PartialType(ProfileDto) {}

class WithDefaultDto {
  @IsOptional()
  @IsString()
  sort = 'name';
}

class WithUndeclaredDefaultDto {
  @IsString()
  name!: string;

  page = 1;
}

class AddressDto {
  @IsString()
  city!: string;
}

class WithNestedDto {
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;
}

class WithTransformDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  name!: string;
}

class WithTypeDto {
  @Type(() => Number)
  @IsInt()
  limit!: number;
}

class NoRulesDto {
  name?: string;
}

/** ValidationPipe alone with the global pipe's options: what the fast path must answer as. */
const full = new ValidationPipe(requestValidationOptions);

/** The answer of a pipe: the DTO's class and properties, or the refusal's body. */
async function answerOf(pipe: ValidationPipe, body: unknown, metatype: new () => object) {
  try {
    const dto = (await pipe.transform(body, { type: 'body', metatype })) as object;
    return { ok: dto.constructor.name, dto: { ...dto } };
  } catch (error) {
    return { refused: (error as BadRequestException).getResponse() };
  }
}

function checkOf(metatype: new () => object): FlatBodyCheck {
  const check = FlatBodyCheck.of(metatype);
  if (!check) throw new Error(`${metatype.name} has no flat-body check`);
  return check;
}

const BODIES: unknown[] = [
  { userName: 'ann', firstName: 'Ann' },
  { userName: 'ann', firstName: 'Ann', nickName: 'Annie' },
  { userName: 'ann', firstName: 'Ann', nickName: 'An' },
  { userName: 'ann', firstName: 'Ann', nickName: 'A' },
  { userName: 'ann', firstName: 'Ann', nickName: null },
  { userName: 'ann smith', firstName: 'Ann' },
  { userName: 'ann', firstName: 'Annabelle' },
  { userName: 'ann', firstName: '😀😀😀😀😀' },
  { userName: 'ann', firstName: '😀😀😀😀😀😀' },
  { userName: 'ann', firstName: 7 },
  { userName: 'ann', firstName: ['Ann'] },
  { userName: 'ann', firstName: { first: 'Ann' } },
  { userName: 'ann', firstName: null },
  { userName: 'ann' },
  {},
  { userName: 'ann', firstName: 'Ann', isAdmin: true },
  { userName: 'ann', firstName: 'Ann', constructor: 'x' },
  { userName: 'ann', firstName: 'Ann', sessionTimeout: '30m' },
  { userName: 'ann', firstName: 'Ann', sessionTimeout: '45m' },
  { userName: 'ann', firstName: 'Ann', newsletter: true, topic: 'news' },
  { userName: 'ann', firstName: 'Ann', newsletter: true },
  { userName: 'ann', firstName: 'Ann', newsletter: 'yes' },
  { userName: 'ann', firstName: 'Ann', seats: 3 },
  { userName: 'ann', firstName: 'Ann', seats: 3.5 },
  { userName: 'ann', firstName: 'Ann', seats: 11 },
  { userName: 'ann', firstName: 'Ann', seats: '3' },
  Object.assign(Object.create(null), { userName: 'ann', firstName: 'Ann' }),
  [{ userName: 'ann', firstName: 'Ann' }],
  'ann',
  null,
  undefined,
];

describe('the global pipe on flat bodies (FlatBodyCheck)', () => {
  const pipe = createRequestValidationPipe();

  it.each([ProfileDto, ProfileChangesDto, WithDefaultDto, WithUndeclaredDefaultDto])(
    'gives what ValidationPipe gives, for every body: %p',
    async (metatype) => {
      for (const body of BODIES) {
        const copy = body && typeof body === 'object' ? structuredClone(body) : body;
        expect([body, await answerOf(pipe, body, metatype)]).toEqual([
          body,
          await answerOf(full, copy, metatype),
        ]);
      }
    },
  );

  it('takes a valid flat body itself, and leaves every refusal to ValidationPipe', () => {
    const check = checkOf(ProfileDto);
    const dto = check.accept({ userName: 'ann', firstName: 'Ann', seats: 2 });
    expect(dto).toBeInstanceOf(ProfileDto);
    expect({ ...dto }).toEqual({ userName: 'ann', firstName: 'Ann', seats: 2 });
    expect(check.accept({ userName: 'ann smith', firstName: 'Ann' })).toBeUndefined();
    expect(check.accept({ userName: 'ann', firstName: 'Ann', isAdmin: true })).toBeUndefined();
    expect(
      check.accept({ userName: 'ann', firstName: 'Ann', topic: { $ne: null } }),
    ).toBeUndefined();
    expect(checkOf(ProfileChangesDto).accept({ firstName: 'Ann' })).toBeInstanceOf(
      ProfileChangesDto,
    );
    expect({ ...checkOf(WithDefaultDto).accept({}) }).toEqual({ sort: 'name' });
  });

  it.each([WithNestedDto, WithTransformDto, WithTypeDto, NoRulesDto])(
    'leaves a DTO with nested rules, transformations or no rules to ValidationPipe: %p',
    async (metatype) => {
      expect(FlatBodyCheck.of(metatype)).toBeUndefined();
      const body = { name: ' Ann ', limit: '5', address: { city: 'Oslo' } };
      expect(await answerOf(pipe, structuredClone(body), metatype)).toEqual(
        await answerOf(full, structuredClone(body), metatype),
      );
    },
  );

  it('answers a transformed body as ValidationPipe does', async () => {
    expect(await answerOf(pipe, { name: ' Ann ' }, WithTransformDto)).toEqual({
      ok: 'WithTransformDto',
      dto: { name: 'Ann' },
    });
    expect(await answerOf(pipe, { limit: '5' }, WithTypeDto)).toEqual({
      ok: 'WithTypeDto',
      dto: { limit: 5 },
    });
  });
});
