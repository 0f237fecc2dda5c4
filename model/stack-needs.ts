/** Optional services a stack can run beside its brokers. */
export const SERVICE_NAMES = ['registry', 'connect', 'postgres', 'ksqldb'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** What an exercise needs from the stack it is graded on. */
export interface StackNeeds {
  brokers?: number;
  toxiproxy?: boolean;
  services?: ServiceName[];
}

/** What a check needs beyond a running stack; it is skipped (with the reason) when the stack cannot offer it. */
export interface CheckNeeds {
  faults?: boolean;
  brokerControl?: boolean;
}
