import { defineSelftestSuite } from '../../engine/selftest-suite.js';
import { ex4 } from './ex4.js';

defineSelftestSuite(ex4);
