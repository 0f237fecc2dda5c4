import type { Localized } from '../../../core/verdict.js';
import type { HttpOutcome } from '../../notifications/app.js';

const BODY_CHARS = 300;

/** An HTTP answer as evidence: status, time and the start of the body ("503 after 8.1 s: {...}"). */
export function describeAnswer(r: HttpOutcome): Localized {
  const s = (r.ms / 1000).toFixed(1);
  const body = (r.text ?? '').replace(/\s+/g, ' ').trim();
  const quoted = body ? ` « ${body.slice(0, BODY_CHARS)}${body.length > BODY_CHARS ? '…' : ''} »` : '';
  const quotedEn = body ? ` "${body.slice(0, BODY_CHARS)}${body.length > BODY_CHARS ? '…' : ''}"` : '';
  if (r.status === 'timeout') return { fr: `aucune réponse en ${s} s`, en: `no answer within ${s} s` };
  if (r.status === 'refused') return { fr: `connexion refusée${quoted}`, en: `connection refused${quotedEn}` };
  return { fr: `${r.status} en ${s} s${quoted}`, en: `${r.status} after ${s} s${quotedEn}` };
}
