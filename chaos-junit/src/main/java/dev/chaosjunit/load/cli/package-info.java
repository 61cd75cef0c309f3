/**
 * The load driver's headless command line ({@code java -jar chaos-load.jar <url> --rate ... --duration ...}), like
 * {@code wrk2} or {@code locust --headless}: {@link dev.chaosjunit.load.cli.LoadCommand}.
 */
package dev.chaosjunit.load.cli;
