/**
 * The effective configuration ({@code chaos.*} keys: JUnit configuration parameters, system properties or the\n * builder) and the duration syntax every attribute uses.
 */
package dev.chaosjunit.config;
