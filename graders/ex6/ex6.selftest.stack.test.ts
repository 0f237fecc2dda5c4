import { defineSelftestSuite } from '../../engine/selftest-suite.js';
import { ex6 } from './ex6.js';

defineSelftestSuite(ex6);
