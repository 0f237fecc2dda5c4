import { defineSelftestSuite } from '../../selftest/selftest-suite.js';
import { ex2 } from './ex2.js';

defineSelftestSuite(ex2);
