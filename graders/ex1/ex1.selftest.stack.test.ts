import { defineSelftestSuite } from '../../selftest/selftest-suite.js';
import { ex1 } from './ex1.js';

defineSelftestSuite(ex1);
