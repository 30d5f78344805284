import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { AppModule } from './app.module';
import { kafkaOptions } from './kafka-options';

// KAFKA_BROKERS=127.0.0.1:9092 GROUP_ID=my-team npm start
async function main(): Promise<void> {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS is required, e.g. 127.0.0.1:9092');
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(
    AppModule,
    kafkaOptions(brokers, process.env['GROUP_ID'] ?? 'nestjs-consumer-example'),
  );
  app.enableShutdownHooks();
  await app.listen();
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
