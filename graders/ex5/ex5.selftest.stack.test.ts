import { defineSelftestSuite } from '../../selftest/selftest-suite.js';
import { ex5 } from './ex5.js';

defineSelftestSuite(ex5);
