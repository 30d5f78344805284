import { Body, Controller, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import request from 'supertest';
import { createTestApp, type TestApp } from '../app/create-test-app';

class AddressDto {
  @IsString()
  @MaxLength(5, { message: 'must be at most 5 characters' })
  readonly city!: string;
}

class SignUpDto {
  @Matches(/^[A-Za-z0-9]+$/, { message: 'must contain only letters and digits' })
  readonly userName!: string;

  @IsInt()
  @Min(1)
  @Max(10)
  readonly seats!: number;

  @ValidateNested()
  @Type(() => AddressDto)
  readonly address!: AddressDto;
}

@Controller('sign-up')
class SignUpController {
  @Post()
  signUp(@Body() dto: SignUpDto): { isDto: boolean; dto: SignUpDto } {
    return { isDto: dto instanceof SignUpDto, dto };
  }
}

describe('request validation (over HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ controllers: [SignUpController] });
  });
  afterAll(() => t.close());

  const post = (body: unknown) =>
    request(t.app.getHttpServer())
      .post('/sign-up')
      .send(body as object);

  it('names the field and its problem in the message and in details', async () => {
    const res = await post({ userName: 'ann smith', seats: 2, address: { city: 'Oslo' } }).expect(
      400,
    );
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'userName: must contain only letters and digits',
      code: 'REQUEST-validation-failed',
      details: {
        fields: [{ field: 'userName', errors: ['must contain only letters and digits'] }],
      },
    });
  });

  it('names nested fields as dotted paths and lists every bad field', async () => {
    const res = await post({ userName: 'ann', seats: 0, address: { city: 'Trondheim' } }).expect(
      400,
    );
    expect(res.body.details.fields).toEqual([
      { field: 'seats', errors: ['must not be less than 1'] },
      { field: 'address.city', errors: ['must be at most 5 characters'] },
    ]);
    expect(res.body.message).toBe(
      'seats: must not be less than 1; address.city: must be at most 5 characters',
    );
  });

  it('refuses properties the DTO does not declare, naming them', async () => {
    const res = await post({
      userName: 'ann',
      seats: 1,
      address: { city: 'Oslo' },
      isAdmin: true,
    }).expect(400);
    expect(res.body.details.fields).toEqual([{ field: 'isAdmin', errors: ['should not exist'] }]);
  });

  it('hands the handler a DTO instance when the input is valid', async () => {
    const res = await post({ userName: 'ann', seats: 3, address: { city: 'Oslo' } }).expect(201);
    expect(res.body).toEqual({
      isDto: true,
      dto: { userName: 'ann', seats: 3, address: { city: 'Oslo' } },
    });
  });
});
