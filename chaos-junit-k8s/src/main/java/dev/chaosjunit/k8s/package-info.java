/**
 * Kubernetes faults and cluster-side steady-state checks for chaos-junit: {@link dev.chaosjunit.k8s.KillPod},
 * {@link dev.chaosjunit.k8s.CpuStress}, {@link dev.chaosjunit.k8s.MemoryStress},
 * {@link dev.chaosjunit.k8s.NodeCpuStress}, {@link dev.chaosjunit.k8s.PodNetworkLatency},
 * {@link dev.chaosjunit.k8s.PodNetworkLoss}, {@link dev.chaosjunit.k8s.PodNetworkCorruption},
 * {@link dev.chaosjunit.k8s.PartitionPods}, {@link dev.chaosjunit.k8s.Rollout},
 * {@link dev.chaosjunit.k8s.RollingRestart}, {@link dev.chaosjunit.k8s.ScaleDeployment};
 * {@link dev.chaosjunit.k8s.ReadyReplicas}, {@link dev.chaosjunit.k8s.MaxRestarts},
 * {@link dev.chaosjunit.k8s.RecoveryTime}. Guardrails, dry run, janitor and RBAC: {@code docs/kubernetes.md}.
 */
package dev.chaosjunit.k8s;
