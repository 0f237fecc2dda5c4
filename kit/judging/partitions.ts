/**
 * How records should spread over partitions, for judges: Kafka's default partitioner (murmur2 of the key)
 * and a chi-square test of uniformity. The implementations stay in core/ (core/murmur2.ts may come from
 * @platformatic/kafka); graders import them from here.
 */
export { defaultPartitionForKey, murmur2 } from '../../core/murmur2.js';
export { chiSquareUniform, type UniformityTest } from '../../core/stats.js';
