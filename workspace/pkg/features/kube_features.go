// Package features defines the feature gates of the Kubernetes components.
package features

import (
	"k8s.io/component-base/featuregate"
)

// Every feature gate should have an entry here following this template:
//
//	// owner: @username
//	// alpha: v1.X
//	MyFeature featuregate.Feature = "MyFeature"
const (
	// owner: @dashpole
	// beta: v1.21
	//
	// Sends the pods of a node a graceful termination signal on shutdown.
	GracefulNodeShutdown featuregate.Feature = "GracefulNodeShutdown"

	// owner: @xiaoxubeii
	// alpha: v1.22
	//
	// Sets memory.high for containers so that cgroup v2 throttles memory before OOM.
	MemoryQoS featuregate.Feature = "MemoryQoS"

	// owner: @jinxu
	// GA: v1.25
	//
	// Accounts for and evicts pods on local ephemeral storage usage.
	LocalStorageCapacityIsolation featuregate.Feature = "LocalStorageCapacityIsolation"

	// owner: @robscott
	// beta: v1.23
	//
	// Routes service traffic to endpoints in the same zone when hints allow it.
	TopologyAwareHints featuregate.Feature = "TopologyAwareHints"

	// owner: @danwinship
	// beta: v1.27
	//
	// Makes the iptables proxier write only the changed service chains on each sync.
	MinimizeIPTablesRestore featuregate.Feature = "MinimizeIPTablesRestore"

	// owner: @Huang-Wei
	// alpha: v1.26
	//
	// Keeps pods with scheduling gates out of the scheduling queue.
	PodSchedulingReadiness featuregate.Feature = "PodSchedulingReadiness"

	// owner: @smarterclayton
	// beta: v1.9
	//
	// Lets list calls return results in chunks.
	APIListChunking featuregate.Feature = "APIListChunking"

	// owner: @gnufied
	// beta: v1.26
	//
	// Taints nodes that fail their health checks with NoExecute.
	NodeOutOfServiceVolumeDetach featuregate.Feature = "NodeOutOfServiceVolumeDetach"
)

var defaultKubernetesFeatureGates = map[featuregate.Feature]featuregate.FeatureSpec{
	GracefulNodeShutdown:          {Default: true, PreRelease: featuregate.Beta},
	MemoryQoS:                     {Default: false, PreRelease: featuregate.Alpha},
	LocalStorageCapacityIsolation: {Default: true, PreRelease: featuregate.GA, LockToDefault: true},
	TopologyAwareHints:            {Default: true, PreRelease: featuregate.Beta},
	MinimizeIPTablesRestore:       {Default: true, PreRelease: featuregate.Beta},
	PodSchedulingReadiness:        {Default: false, PreRelease: featuregate.Alpha},
	APIListChunking:               {Default: true, PreRelease: featuregate.Beta},
	NodeOutOfServiceVolumeDetach:  {Default: true, PreRelease: featuregate.Beta},
}

// DefaultMutableFeatureGate is the process-wide gate; components set it
// from their --feature-gates flag.
var DefaultMutableFeatureGate featuregate.MutableFeatureGate = featuregate.NewFeatureGate()

// DefaultFeatureGate is the read-only view of DefaultMutableFeatureGate.
var DefaultFeatureGate featuregate.FeatureGate = DefaultMutableFeatureGate

func init() {
	if err := DefaultMutableFeatureGate.Add(defaultKubernetesFeatureGates); err != nil {
		panic(err)
	}
}

// FeatureGateFlag adapts DefaultMutableFeatureGate to flag.Value for --feature-gates.
type FeatureGateFlag struct{}

// String implements flag.Value.
func (FeatureGateFlag) String() string { return DefaultMutableFeatureGate.String() }

// Set implements flag.Value.
func (FeatureGateFlag) Set(value string) error { return DefaultMutableFeatureGate.Set(value) }
