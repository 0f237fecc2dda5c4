import { GraderError } from '../../core/errors.js';
import type { DriverFactory } from './driver.js';
import { kafkajsFactory } from './kafkajs-driver.js';
import { platformaticFactory } from './platformatic-driver.js';

export const DRIVERS: readonly DriverFactory[] = [kafkajsFactory, platformaticFactory];

/** The bench's driver when none is named: the faster one (loadgen/README.md, "Drivers kept", has the figures). */
export const DEFAULT_DRIVER = platformaticFactory.name;

export function driverByName(name: string): DriverFactory {
  const d = DRIVERS.find((x) => x.name === name);
  if (!d)
    throw new GraderError('BAD_USAGE', `unknown driver '${name}'`, {
      hint: `drivers: ${DRIVERS.map((x) => x.name).join(', ')}`,
    });
  return d;
}
