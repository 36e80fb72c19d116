package v1

// Well known labels and taints set on nodes.
const (
	LabelHostname     = "kubernetes.io/hostname"
	LabelOSStable     = "kubernetes.io/os"
	LabelArchStable   = "kubernetes.io/arch"
	LabelTopologyZone = "topology.kubernetes.io/zone"

	TaintNodeNotReady           = "node.kubernetes.io/not-ready"
	TaintNodeUnreachable        = "node.kubernetes.io/unreachable"
	TaintNodeUnschedulable      = "node.kubernetes.io/unschedulable"
	TaintNodeMemoryPressure     = "node.kubernetes.io/memory-pressure"
	TaintNodeDiskPressure       = "node.kubernetes.io/disk-pressure"
	TaintNodeNetworkUnavailable = "node.kubernetes.io/network-unavailable"
)

// DefaultSchedulerName is the name of the default scheduler.
const DefaultSchedulerName = "default-scheduler"
