import { defineSelftestSuite } from '../../selftest/selftest-suite.js';
import { ex0 } from './ex0.js';

defineSelftestSuite(ex0);
