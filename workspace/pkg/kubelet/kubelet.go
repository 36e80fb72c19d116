// Package kubelet is the primary node agent: it keeps the pods assigned
// to its node running, reports node and pod status, and protects the node
// from resource starvation.
package kubelet

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"time"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"k8s.io/component-base/logs"
	"k8s.io/component-base/version"

	"k8s.io/kubernetes/pkg/features"
	"k8s.io/kubernetes/pkg/kubelet/cm"
	"k8s.io/kubernetes/pkg/kubelet/config"
	"k8s.io/kubernetes/pkg/kubelet/eviction"
	kubepod "k8s.io/kubernetes/pkg/kubelet/pod"
	"k8s.io/kubernetes/pkg/kubelet/status"
	utiliptables "k8s.io/kubernetes/pkg/util/iptables"
	nodeutil "k8s.io/kubernetes/pkg/util/node"
)

// Kubelet is the main kubelet implementation.
type Kubelet struct {
	nodeName         types.NodeName
	hostname         string
	podManifestPath  string
	kubeClient       kubernetes.Interface
	podManager       kubepod.Manager
	podConfig        *config.PodConfig
	statusManager    *status.Manager
	containerManager *cm.ContainerManager
	evictionManager  *eviction.Manager
	iptClient        utiliptables.Interface
	makeIPTablesUtil bool
}

// NewMainKubelet instantiates a new Kubelet object along with all the required internal modules.
func NewMainKubelet(o *Options, kubeClient kubernetes.Interface) (*Kubelet, error) {
	hostname, err := nodeutil.GetHostname(o.HostnameOverride)
	if err != nil {
		return nil, err
	}
	capacity, err := o.Capacity()
	if err != nil {
		return nil, err
	}
	thresholds, err := eviction.ParseThresholdConfig(o.EvictionHard)
	if err != nil {
		return nil, err
	}
	nodeConfig, err := o.NodeConfig(thresholds)
	if err != nil {
		return nil, err
	}
	containerManager, err := cm.NewContainerManager(nodeConfig, capacity)
	if err != nil {
		return nil, err
	}
	podManager := kubepod.NewBasicPodManager()
	return &Kubelet{
		nodeName:         types.NodeName(hostname),
		hostname:         hostname,
		podManifestPath:  o.PodManifestPath,
		kubeClient:       kubeClient,
		podManager:       podManager,
		podConfig:        config.NewPodConfig(50),
		statusManager:    status.NewManager(kubeClient, podManager),
		containerManager: containerManager,
		evictionManager:  eviction.NewManager(thresholds),
		iptClient:        utiliptables.New(utiliptables.ProtocolIPv4),
		makeIPTablesUtil: o.MakeIPTablesUtilChains,
	}, nil
}

// InitialNode constructs the initial v1.Node for this Kubelet, incorporating node
// labels, information from the container manager and the eviction manager.
func (kl *Kubelet) InitialNode() *v1.Node {
	now := metav1.Now()
	info := version.Get()
	node := &v1.Node{
		ObjectMeta: metav1.ObjectMeta{
			Name: string(kl.nodeName),
			Labels: map[string]string{
				v1.LabelHostname:   kl.hostname,
				v1.LabelOSStable:   runtime.GOOS,
				v1.LabelArchStable: runtime.GOARCH,
			},
		},
		Status: v1.NodeStatus{
			Capacity:    kl.containerManager.GetCapacity(),
			Allocatable: kl.containerManager.GetNodeAllocatable(),
			NodeInfo: v1.NodeSystemInfo{
				KubeletVersion:  info.GitVersion,
				OperatingSystem: runtime.GOOS,
				Architecture:    runtime.GOARCH,
			},
			Addresses: []v1.NodeAddress{{Type: v1.NodeHostName, Address: kl.hostname}},
		},
	}
	ready := v1.NodeCondition{Type: v1.NodeReady, Status: v1.ConditionTrue, Reason: "KubeletReady",
		Message: "kubelet is posting ready status", LastHeartbeatTime: now, LastTransitionTime: now}
	pressure := map[v1.NodeConditionType]bool{}
	for _, c := range kl.evictionManager.NodeConditions() {
		pressure[c] = true
	}
	for _, t := range []v1.NodeConditionType{v1.NodeMemoryPressure, v1.NodeDiskPressure, v1.NodePIDPressure} {
		c := v1.NodeCondition{Type: t, Status: v1.ConditionFalse, LastHeartbeatTime: now, LastTransitionTime: now}
		if pressure[t] {
			c.Status = v1.ConditionTrue
		}
		node.Status.Conditions = append(node.Status.Conditions, c)
	}
	node.Status.Conditions = append(node.Status.Conditions, ready)
	return node
}

// syncStaticPods loads the manifests and records the resulting changes.
func (kl *Kubelet) syncStaticPods() error {
	if kl.podManifestPath == "" {
		return nil
	}
	pods, err := config.ReadPodsFromDir(kl.podManifestPath, kl.nodeName)
	for _, update := range kl.podConfig.Merge(config.FileSource, pods) {
		for _, pod := range update.Pods {
			switch update.Op {
			case config.ADD, config.UPDATE:
				kl.podManager.UpdatePod(pod)
				kl.statusManager.SetPodStatus(pod, v1.PodStatus{Phase: v1.PodPending, QOSClass: cm.GetPodQOS(pod)})
			case config.REMOVE:
				kl.podManager.RemovePod(pod)
			}
			logs.V(2).Infof("SyncLoop %s source=%s pod=%s", update.Op, update.Source, kubepod.GetPodFullName(pod))
		}
	}
	return err
}

// setupIPTablesUtilChains creates the KUBE-MARK-DROP and KUBE-MARK-MASQ
// chains that kube-proxy and network plugins rely on.
func (kl *Kubelet) setupIPTablesUtilChains() error {
	if !kl.makeIPTablesUtil || !kl.iptClient.Present() {
		return nil
	}
	for chain, mark := range map[utiliptables.Chain]string{
		utiliptables.KubeMarkDropChain: "0x00008000/0x00008000",
		utiliptables.KubeMarkMasqChain: "0x00004000/0x00004000",
	} {
		if _, err := kl.iptClient.EnsureChain(utiliptables.TableNAT, chain); err != nil {
			return err
		}
		if _, err := kl.iptClient.EnsureRule(utiliptables.Append, utiliptables.TableNAT, chain, "-j", "MARK", "--or-mark", mark); err != nil {
			return err
		}
	}
	return nil
}

// syncNodeStatus registers or updates the node object with the API server.
func (kl *Kubelet) syncNodeStatus(ctx context.Context) error {
	if kl.kubeClient == nil {
		return nil
	}
	nodes := kl.kubeClient.CoreV1().Nodes()
	node := kl.InitialNode()
	existing, err := nodes.Get(ctx, node.Name, metav1.GetOptions{})
	if err != nil {
		_, err = nodes.Create(ctx, node, metav1.CreateOptions{})
		return err
	}
	existing.Status = node.Status
	_, err = nodes.UpdateStatus(ctx, existing, metav1.UpdateOptions{})
	return err
}

// Run starts the kubelet reacting to config updates until ctx is done.
func (kl *Kubelet) Run(ctx context.Context, syncFrequency time.Duration) error {
	if err := kl.setupIPTablesUtilChains(); err != nil {
		logs.Warningf("Failed to ensure iptables util chains: %v", err)
	}
	ticker := time.NewTicker(syncFrequency)
	defer ticker.Stop()
	for {
		if err := kl.syncStaticPods(); err != nil {
			logs.Errorf("Unable to read static pods: %v", err)
		}
		if victim := kl.evictionManager.Synchronize(eviction.Stats{}, kl.podManager.GetPods()); victim != nil {
			logs.Warningf("Evicting pod %s", kubepod.GetPodFullName(victim))
			kl.podManager.RemovePod(victim)
		}
		if err := kl.syncNodeStatus(ctx); err != nil {
			logs.Errorf("Error updating node status: %v", err)
		}
		if _, err := kl.statusManager.SyncBatch(ctx); err != nil {
			logs.Errorf("Error syncing pod statuses: %v", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
		}
	}
}

// DescribeNode writes the configuration summary printed by --dry-run.
func (kl *Kubelet) DescribeNode(out io.Writer) error {
	if err := kl.syncStaticPods(); err != nil {
		return err
	}
	node := kl.InitialNode()
	fmt.Fprintf(out, "node: %s\n", node.Name)
	fmt.Fprintf(out, "capacity: %s\n", formatResources(node.Status.Capacity))
	fmt.Fprintf(out, "allocatable: %s\n", formatResources(node.Status.Allocatable))
	if features.DefaultFeatureGate.Enabled(features.GracefulNodeShutdown) {
		fmt.Fprintln(out, "graceful node shutdown: enabled")
	}
	pods := kl.podManager.GetPods()
	sort.Slice(pods, func(i, j int) bool { return pods[i].Name < pods[j].Name })
	for _, pod := range pods {
		fmt.Fprintf(out, "static pod: %s qos=%s cgroup=%s\n", kubepod.GetPodFullName(pod), cm.GetPodQOS(pod), kl.containerManager.PodCgroupName(pod))
	}
	return nil
}

func formatResources(rl v1.ResourceList) string {
	names := make([]string, 0, len(rl))
	for name := range rl {
		names = append(names, string(name))
	}
	sort.Strings(names)
	parts := make([]string, 0, len(names))
	for _, name := range names {
		q := rl[v1.ResourceName(name)]
		parts = append(parts, name+"="+q.String())
	}
	return strings.Join(parts, ",")
}

// machineCapacity is the capacity reported when no override is configured.
func machineCapacity(memory string, maxPods int) (v1.ResourceList, error) {
	mem, err := resource.ParseQuantity(memory)
	if err != nil {
		return nil, fmt.Errorf("invalid memory capacity %q: %v", memory, err)
	}
	return v1.ResourceList{
		v1.ResourceCPU:    *resource.NewQuantity(int64(runtime.NumCPU()), resource.DecimalSI),
		v1.ResourceMemory: mem,
		v1.ResourcePods:   *resource.NewQuantity(int64(maxPods), resource.DecimalSI),
	}, nil
}
