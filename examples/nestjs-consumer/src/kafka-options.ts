import { type KafkaOptions, Transport } from '@nestjs/microservices';

/** The consumer's transport: one group for the three topics, from the beginning the first time. */
export function kafkaOptions(brokers: string, groupId: string): KafkaOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      client: { clientId: groupId, brokers: brokers.split(',') },
      consumer: { groupId, allowAutoTopicCreation: false },
      subscribe: { fromBeginning: true },
      // The group id as given (Nest appends "-server" by default).
      postfixId: '',
    },
  };
}
