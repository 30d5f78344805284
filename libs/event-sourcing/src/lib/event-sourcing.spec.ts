import { eventSourcing } from './event-sourcing';

describe('eventSourcing', () => {
  it('should work', () => {
    expect(eventSourcing()).toEqual('event-sourcing');
  });
});
