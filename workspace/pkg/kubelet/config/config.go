// Package config merges the pod sources of the kubelet (static pod
// manifests on disk and the API server) into one stream of updates.
package config

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/apis/core"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	k8s_api_v1 "k8s.io/kubernetes/pkg/apis/core/v1"
	"k8s.io/kubernetes/pkg/apis/core/validation"
	kubepod "k8s.io/kubernetes/pkg/kubelet/pod"
	hashutil "k8s.io/kubernetes/pkg/util/hash"
)

// Pod sources.
const (
	// FileSource identifies updates from a directory of manifests.
	FileSource = "file"
	// ApiserverSource identifies updates from the API server.
	ApiserverSource = kubepod.ApiserverSource
)

// PodOperation defines what changes will be made on a pod configuration.
type PodOperation int

// Pod operations.
const (
	// SET is the current pod configuration.
	SET PodOperation = iota
	// ADD signifies pods that are new to this source.
	ADD
	// UPDATE signifies pods that changed in this source.
	UPDATE
	// REMOVE signifies pods that have been removed from this source.
	REMOVE
)

func (op PodOperation) String() string {
	return [...]string{"SET", "ADD", "UPDATE", "REMOVE"}[op]
}

// PodUpdate defines an operation sent on the channel.
type PodUpdate struct {
	Pods   []*v1.Pod
	Op     PodOperation
	Source string
}

// PodConfig is a configuration mux that merges many sources of pod
// configuration into a single consistent structure, and then delivers
// incremental change notifications to listeners in order.
type PodConfig struct {
	mu      sync.Mutex
	pods    map[string]map[string]*v1.Pod
	updates chan PodUpdate
}

// NewPodConfig creates an object that can merge many configuration sources.
func NewPodConfig(buffer int) *PodConfig {
	return &PodConfig{pods: map[string]map[string]*v1.Pod{}, updates: make(chan PodUpdate, buffer)}
}

// Updates returns a channel of updates to the configuration, properly denormalized.
func (c *PodConfig) Updates() <-chan PodUpdate { return c.updates }

// Merge replaces the pods of source and sends the ADD, UPDATE and
// REMOVE updates that lead from the previous state to the new one. The
// updates are also returned; when the channel buffer is full they are only
// returned.
func (c *PodConfig) Merge(source string, pods []*v1.Pod) []PodUpdate {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.pods[source]
	current := map[string]*v1.Pod{}
	var adds, updates, removes []*v1.Pod
	for _, pod := range pods {
		name := kubepod.GetPodFullName(pod)
		if _, dup := current[name]; dup {
			continue
		}
		current[name] = pod
		prev, existed := old[name]
		switch {
		case !existed:
			adds = append(adds, pod)
		case prev.Annotations[kubepod.ConfigHashAnnotationKey] != pod.Annotations[kubepod.ConfigHashAnnotationKey]:
			updates = append(updates, pod)
		}
	}
	for name, pod := range old {
		if _, ok := current[name]; !ok {
			removes = append(removes, pod)
		}
	}
	c.pods[source] = current
	var out []PodUpdate
	for _, u := range []PodUpdate{{adds, ADD, source}, {updates, UPDATE, source}, {removes, REMOVE, source}} {
		if len(u.Pods) == 0 {
			continue
		}
		sortPods(u.Pods)
		out = append(out, u)
		select {
		case c.updates <- u:
		default:
		}
	}
	return out
}

func sortPods(pods []*v1.Pod) {
	sort.Slice(pods, func(i, j int) bool { return kubepod.GetPodFullName(pods[i]) < kubepod.GetPodFullName(pods[j]) })
}

// ReadPodsFromDir decodes the pod manifests (*.json) of dir, applies the
// static pod defaults for nodeName and validates them.
func ReadPodsFromDir(dir string, nodeName types.NodeName) ([]*v1.Pod, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var pods []*v1.Pod
	var errs []string
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || filepath.Ext(e.Name()) != ".json" {
			continue
		}
		path := filepath.Join(dir, e.Name())
		pod, err := readPodFile(path, nodeName)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", path, err))
			continue
		}
		pods = append(pods, pod)
	}
	if len(errs) > 0 {
		return pods, fmt.Errorf("invalid static pod manifests: %s", strings.Join(errs, "; "))
	}
	return pods, nil
}

func readPodFile(path string, nodeName types.NodeName) (*v1.Pod, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	obj, _, err := legacyscheme.Scheme.Decode(data)
	if err != nil {
		return nil, err
	}
	pod, ok := obj.(*v1.Pod)
	if !ok {
		return nil, fmt.Errorf("expected a Pod, got %T", obj)
	}
	applyStaticPodDefaults(pod, path, nodeName)
	internal := &core.Pod{}
	if err := k8s_api_v1.Convert_v1_Pod_To_core_Pod(pod, internal); err != nil {
		return nil, err
	}
	if errs := validation.ValidatePod(internal); len(errs) > 0 {
		return nil, fmt.Errorf("invalid pod: %s", strings.Join(errs, ", "))
	}
	return pod, nil
}

// applyStaticPodDefaults makes a static pod unique to this node: its name
// gets the node name as suffix, and its UID is derived from the content.
func applyStaticPodDefaults(pod *v1.Pod, source string, nodeName types.NodeName) {
	if pod.Namespace == "" {
		pod.Namespace = metav1.NamespaceDefault
	}
	pod.Name = pod.Name + "-" + strings.ToLower(string(nodeName))
	pod.Spec.NodeName = string(nodeName)
	hash := hashutil.ShortHash(struct {
		Pod    *v1.Pod
		Source string
		Node   types.NodeName
	}{pod, source, nodeName})
	if pod.UID == "" {
		pod.UID = types.UID(hash)
	}
	if pod.Annotations == nil {
		pod.Annotations = map[string]string{}
	}
	pod.Annotations[kubepod.ConfigHashAnnotationKey] = hash
	pod.Annotations[kubepod.ConfigSourceAnnotationKey] = FileSource
	// Static pods must tolerate every NoExecute taint so the node never evicts them.
	pod.Spec.Tolerations = append(pod.Spec.Tolerations, v1.Toleration{Operator: v1.TolerationOpExists, Effect: v1.TaintEffectNoExecute})
}
