import { defineSelftestSuite } from '../../engine/selftest-suite.js';
import { ex0 } from './ex0.js';

defineSelftestSuite(ex0);
