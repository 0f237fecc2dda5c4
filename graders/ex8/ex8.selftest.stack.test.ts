import { defineSelftestSuite } from '../../selftest/selftest-suite.js';
import { ex8 } from './ex8.js';

defineSelftestSuite(ex8);
