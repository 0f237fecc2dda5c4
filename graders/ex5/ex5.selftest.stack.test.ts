import { defineSelftestSuite } from '../../engine/selftest-suite.js';
import { ex5 } from './ex5.js';

defineSelftestSuite(ex5);
