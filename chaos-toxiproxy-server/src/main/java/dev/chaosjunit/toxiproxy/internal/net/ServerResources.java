package dev.chaosjunit.toxiproxy.internal.net;

/**
 * What all proxied connections of one server share and must not exhaust.
 *
 * @param descriptors the file descriptor reserve and accept back-off
 * @param memory      the bytes all connections may hold at once
 */
public record ServerResources(DescriptorReserve descriptors, MemoryBudget memory) {
}
