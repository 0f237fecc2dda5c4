import { defineSelftestSuite } from '../../engine/selftest-suite.js';
import { ex8 } from './ex8.js';

defineSelftestSuite(ex8);
