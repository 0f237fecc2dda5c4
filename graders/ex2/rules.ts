/** ex2's own constants (the notifications contract's are in graders/notifications/contract.ts). */
export const EX2_RULES = {
  /** Once every accepted notification of a send landed, how long the grader keeps watching for duplicates. */
  placeGraceMs: 300,
};
