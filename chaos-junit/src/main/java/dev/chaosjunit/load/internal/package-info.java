/**
 * Not API: the load driver's event loops, sockets, response parsing, arrival schedule and per-second recording.
 * May change in any release.
 */
package dev.chaosjunit.load.internal;
