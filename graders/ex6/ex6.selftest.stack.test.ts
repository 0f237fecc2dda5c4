import { defineSelftestSuite } from '../../selftest/selftest-suite.js';
import { ex6 } from './ex6.js';

defineSelftestSuite(ex6);
