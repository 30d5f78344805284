import {
  CurrentPrincipal,
  PersonOnly,
  type Principal,
  Public,
  RequireScope,
} from '@accounts/security';
import { Body, Controller, Get, Headers, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CreatedOrganizationAnswer, OrganizationAnswer } from '../answers/organization.answer';
import { ChangeOrganizationSettingsCommand } from '../../application/organizations/change-organization-settings.command';
import {
  type CreatedOrganization,
  CreateOrganizationCommand,
} from '../../application/organizations/create-organization.command';
import { GetOrganizationQuery } from '../../application/organizations/get-organization.query';
import type { OrganizationView } from '../../application/organizations/organization-view';
import { CreateOrganizationDto } from '../dto/create-organization.dto';
import { OrganizationSettingsDto } from '../dto/organization-settings.dto';
import { OrganizationIdPipe } from '../id-params';

export const BOOTSTRAP_TOKEN_HEADER = 'X-Bootstrap-Token';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Public()
  @ApiCreatedResponse({
    type: CreatedOrganizationAnswer,
    description: 'The organization and its first administrator',
  })
  @ApiOperation({
    summary: 'Create an organization with its first administrator',
    description:
      'Open while the server has no organization; afterwards only with the bootstrap token from the configuration.',
  })
  @ApiHeader({ name: BOOTSTRAP_TOKEN_HEADER, required: false })
  create(
    @Body() body: CreateOrganizationDto,
    @Headers(BOOTSTRAP_TOKEN_HEADER.toLowerCase()) bootstrapToken: string | undefined,
  ): Promise<CreatedOrganization> {
    return this.commands.execute(new CreateOrganizationCommand(body, bootstrapToken));
  }

  @Get(':orgId')
  @RequireScope('profile:read')
  @ApiOkResponse({ type: OrganizationAnswer, description: 'The organization' })
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The organization and its settings (members)' })
  get(
    @Param('orgId', OrganizationIdPipe) orgId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganizationView> {
    return this.queries.execute(new GetOrganizationQuery(principal, orgId));
  }

  @Put(':orgId/settings')
  @PersonOnly()
  @ApiBearerAuth()
  @ApiOkResponse({ type: OrganizationAnswer, description: 'The organization after the change' })
  @ApiOperation({ summary: 'Change company settings (administrators of the organization)' })
  changeSettings(
    @Param('orgId', OrganizationIdPipe) orgId: string,
    @Body() body: OrganizationSettingsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganizationView> {
    return this.commands.execute(new ChangeOrganizationSettingsCommand(principal, orgId, body));
  }
}
