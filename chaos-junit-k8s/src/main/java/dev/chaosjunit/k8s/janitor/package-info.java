/** The janitor: removes or rolls back expired leftovers of crashed runs, as a library call and a command line. */
package dev.chaosjunit.k8s.janitor;
