/**
 * The HTML report drawn from experiment journals: one page per test and an index per journal directory.
 */
package dev.chaosjunit.report;
