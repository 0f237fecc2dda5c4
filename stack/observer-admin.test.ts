import { describe, expect, it } from 'vitest';
import { isTopologyError } from './observer-admin.js';

describe('observer admin', () => {
  it('retries what a moved cluster causes, whatever kafkajs wrapped it in', () => {
    const notLeader = { name: 'KafkaJSProtocolError', type: 'NOT_LEADER_FOR_PARTITION', retriable: true };
    expect(isTopologyError(notLeader)).toBe(true);
    expect(isTopologyError({ name: 'KafkaJSNonRetriableError', cause: notLeader })).toBe(true);
    expect(isTopologyError({ name: 'KafkaJSNumberOfRetriesExceeded', cause: { name: 'KafkaJSConnectionError' } })).toBe(
      true,
    );
  });

  it('lets the caller see a wrong request at once', () => {
    expect(isTopologyError({ name: 'KafkaJSProtocolError', type: 'TOPIC_ALREADY_EXISTS' })).toBe(false);
    expect(isTopologyError({ name: 'KafkaJSProtocolError', type: 'UNKNOWN_TOPIC_OR_PARTITION' })).toBe(false);
    expect(isTopologyError(new Error('boom'))).toBe(false);
    expect(isTopologyError(undefined)).toBe(false);
  });
});
