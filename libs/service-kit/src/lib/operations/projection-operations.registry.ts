import { Injectable } from '@nestjs/common';
import type { ProjectionRunner } from '@accounts/projections';

/** The projection runners of this service, for the operations API (ReadModelsHost registers its own). */
@Injectable()
export class ProjectionOperationsRegistry {
  private readonly runners: ProjectionRunner[] = [];

  register(runner: ProjectionRunner): void {
    if (!this.runners.includes(runner)) this.runners.push(runner);
  }

  all(): readonly ProjectionRunner[] {
    return this.runners;
  }

  /** The runner that runs projection `name`, if any. */
  runnerOf(name: string): ProjectionRunner | undefined {
    return this.runners.find((runner) => runner.names().includes(name));
  }
}
