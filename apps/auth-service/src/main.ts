import { bootstrapService } from '@accounts/service-kit';
import { AppModule } from './app/app.module';
import { authConfigSchema } from './config';

void bootstrapService({ serviceName: 'auth-service', schema: authConfigSchema, module: AppModule });
