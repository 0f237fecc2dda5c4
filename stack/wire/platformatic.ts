/**
 * @platformatic/kafka, loaded on the first wire request rather than at start-up: its index takes most of a
 * second to load, which `kgrade --help` or `kgrade spec` never need, and which a grading pays while its
 * brokers boot instead of before.
 */
let loading: Promise<typeof import('@platformatic/kafka')> | undefined;

export function platformaticKafka(): Promise<typeof import('@platformatic/kafka')> {
  loading ??= import('@platformatic/kafka');
  return loading;
}
