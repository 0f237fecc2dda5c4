/** ex1's own constants (the notifications contract's are in graders/notifications/contract.ts). */
export const EX1_RULES = {
  /** Latency added to every broker's responses while a send is timed (sync-waits-for-ack, async-does-not-block). */
  injectedLatencyMs: 800,
  /** sync-lands, async-lands: once the record landed, how long the grader keeps watching for a duplicate. */
  landingGraceMs: 1000,
};
