import { defineSelftestSuite } from '../../selftest/selftest-suite.js';
import { defineCrossValidation } from './crossval-suite.js';
import { ex7 } from './ex7.js';
import { defineHereSuite, liveKsqldbConfigured } from './selftest-here.js';

/**
 * Live fixtures need a ksqlDB (docker with official images, or an external one with KGRADE_KSQLDB_URL). Where
 * none can run, the selftest proves what can be: the oracle against Kafka Streams, the pre-flight hints on
 * every fixture, and that grading ends not gradable (exit 2) instead of a score. The suite names say which ran.
 */
const live = liveKsqldbConfigured();
if (live) defineSelftestSuite(ex7);
defineHereSuite(live);
defineCrossValidation();
