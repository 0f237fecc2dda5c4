import { defineSelftestSuite } from '../../selftest/selftest-suite.js';
import { ex4 } from './ex4.js';

defineSelftestSuite(ex4);
