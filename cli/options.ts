import { GraderError } from '../core/errors.js';
import type { Lang } from '../model/verdict.js';
import type { ImagesChoice } from '../stack/provider-choice.js';
import type { StackChoice } from '../stack/stack-pool.js';
import type { ProviderName } from '../stack/stack-types.js';

/** Option parsers shared by the commands; a bad value is a BAD_USAGE error naming the fix. */
export function parseLang(v: string): Lang {
  if (v !== 'fr' && v !== 'en')
    throw new GraderError('BAD_USAGE', `--lang must be fr or en, got '${v}'`, { hint: 'e.g. --lang en' });
  return v;
}

/** A count flag's parser: a whole number from `min` (1: "a positive integer", 0: "a whole number"), with `hint` on a bad value. */
export function parseCount(flag: string, min: 0 | 1, hint: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new GraderError(
        'BAD_USAGE',
        `${flag} must be ${min === 1 ? 'a positive integer' : 'a whole number'}, got '${v}'`,
        { hint },
      );
    return n;
  };
}

export function parseSeed(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n >= 2 ** 31)
    throw new GraderError('BAD_USAGE', `--seed must be an integer from 0 to 2147483647, got '${v}'`, {
      hint: 'copy the seed printed in an earlier report',
    });
  return n;
}

export function parseProvider(v: string): ProviderName | 'auto' {
  if (v === 'auto' || v === 'native' || v === 'docker' || v === 'external') return v;
  throw new GraderError('BAD_USAGE', `unknown stack provider '${v}'`, {
    hint: 'use --stack auto (default), native, docker or external (a running `kgrade stack up`, or KGRADE_BOOTSTRAP_SERVERS)',
  });
}

export function parseImages(v: string): ImagesChoice {
  if (v === 'auto' || v === 'official' || v === 'offline') return v;
  throw new GraderError('BAD_USAGE', `unknown image set '${v}'`, {
    hint: 'use --images auto (default), official (pulled) or offline (built by `kgrade images build`)',
  });
}

export type { StackChoice };
