import { defineSelftestSuite } from '../../engine/selftest-suite.js';
import { ex9 } from './ex9.js';

defineSelftestSuite(ex9);
