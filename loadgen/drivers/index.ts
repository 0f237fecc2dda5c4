import { GraderError } from '../../core/errors.js';
import type { DriverFactory } from './driver.js';
import { kafkajsFactory } from './kafkajs-driver.js';
import { platformaticFactory } from './platformatic-driver.js';

export const DRIVERS: readonly DriverFactory[] = [kafkajsFactory, platformaticFactory];

export function driverByName(name: string): DriverFactory {
  const d = DRIVERS.find((x) => x.name === name);
  if (!d)
    throw new GraderError('BAD_USAGE', `unknown driver '${name}'`, {
      hint: `drivers: ${DRIVERS.map((x) => x.name).join(', ')}`,
    });
  return d;
}
