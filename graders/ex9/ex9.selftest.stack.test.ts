import { defineSelftestSuite } from '../../selftest/selftest-suite.js';
import { ex9 } from './ex9.js';

defineSelftestSuite(ex9);
