import { defineGraderSuite } from '../../engine/vitest-suite.js';
import { ex0 } from './ex0.js';

defineGraderSuite(ex0);
