import { defineSelftestSuite } from '../../selftest/selftest-suite.js';
import { ex3 } from './ex3.js';

defineSelftestSuite(ex3);
