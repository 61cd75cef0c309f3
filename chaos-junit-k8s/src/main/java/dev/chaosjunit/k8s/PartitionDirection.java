package dev.chaosjunit.k8s;

/** Which traffic {@link PartitionPods} cuts. */
public enum PartitionDirection { INGRESS, EGRESS, BOTH }
