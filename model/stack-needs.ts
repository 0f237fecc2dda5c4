/**
 * What an exercise needs from the stack it is graded on. `S` is the word for an optional service: the stack's
 * registry of services defines the words (stack/services/all.ts) and engine/exercise.ts binds `S` to them, so an
 * exercise naming an unknown service does not compile; `model/` itself imports nothing.
 */
export interface StackNeeds<S extends string = string> {
  brokers?: number;
  toxiproxy?: boolean;
  services?: S[];
}

/** What a check needs beyond a running stack; it is skipped (with the reason) when the stack cannot offer it. */
export interface CheckNeeds {
  faults?: boolean;
  brokerControl?: boolean;
}
