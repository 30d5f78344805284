import { PartialType } from '@nestjs/swagger';
import type { ProfileChanges } from '../../domain';
import { NewAccountProfileDto } from './new-account-profile.dto';

/** PATCH /accounts/me: any subset of the profile fields; mobilePhone null or "" removes the phone. */
export class UpdateProfileDto extends PartialType(NewAccountProfileDto) implements ProfileChanges {}
