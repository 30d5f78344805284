/**
 * npm run bench -- public-events [--events=200000]
 * CPU cost of the relays' publication step (no broker): internal event -> public event -> Kafka
 * message, next to sending the stored envelope as it is, over a mix of every internal type.
 */
import {
  AuthenticationPublication,
  CredentialsPublication,
  ProfilePublication,
} from '@accounts/contracts';
import type { RecordedEvent } from '@accounts/event-store';
import {
  accountIdKey,
  publish,
  type PublicationTableLike,
  toMessage,
  toPublicKafkaMessage,
} from '@accounts/messaging';
import {
  AuthenticationSamples,
  CredentialsSamples,
  ProfileSamples,
  storedSample,
} from '../libs/contracts/src/lib/public/internal-samples.fixtures';
import { figure, now, print, writeResults } from './lib/measure';

const EVENTS = Number(
  process.argv.find((a) => a.startsWith('--events='))?.split('=')[1] ?? 200_000,
);

/** A stored sample as the relay reads it (the store's metadata type has an index signature, EventMetadata has none). */
function recorded(type: string, data: unknown): RecordedEvent {
  const sample = storedSample(type, data);
  return { ...sample, metadata: { ...sample.metadata } };
}

const mix: [PublicationTableLike, RecordedEvent][] = [
  ...Object.entries(ProfileSamples).map(([type, data]): [PublicationTableLike, RecordedEvent] => [
    ProfilePublication,
    recorded(type, data),
  ]),
  ...Object.entries(AuthenticationSamples).map(
    ([type, data]): [PublicationTableLike, RecordedEvent] => [
      AuthenticationPublication,
      recorded(type, data),
    ],
  ),
  ...Object.entries(CredentialsSamples).map(
    ([type, data]): [PublicationTableLike, RecordedEvent] => [
      CredentialsPublication,
      recorded(type, data),
    ],
  ),
];

function run(label: string, step: (table: PublicationTableLike, event: RecordedEvent) => unknown) {
  for (let i = 0; i < 20_000; i++) step(...mix[i % mix.length]); // warm-up
  const started = now();
  for (let i = 0; i < EVENTS; i++) step(...mix[i % mix.length]);
  return figure(
    label,
    (EVENTS / (now() - started)) * 1000,
    'events/s',
    undefined,
    `${mix.length} internal types round-robin`,
  );
}

const figures = [
  run('stored envelope -> Kafka message (before: leaked internals)', (_table, event) =>
    toMessage(event, accountIdKey),
  ),
  run('internal -> public event -> Kafka message (publication table)', (table, event) => {
    const result = publish(table, event);
    return result.kind === 'published' ? toPublicKafkaMessage(result.message) : undefined;
  }),
];
figures.forEach(print);
console.log(`results: ${writeResults('public-events', figures, { events: EVENTS })}`);
