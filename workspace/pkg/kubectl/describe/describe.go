// Package describe renders detailed, human-readable descriptions of
// resources for "kubectl describe".
package describe

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	"k8s.io/kubernetes/pkg/printers"
)

// Describer generates output for the named resource or an error.
type Describer interface {
	Describe(ctx context.Context, namespace, name string) (string, error)
}

// DescriberFor returns the describer of a resource type.
func DescriberFor(resource string, client kubernetes.Interface) (Describer, bool) {
	switch resource {
	case "pods":
		return &PodDescriber{client}, true
	case "nodes":
		return &NodeDescriber{client}, true
	}
	return nil, false
}

// prefixWriter writes tab-separated fields at increasing indentation levels.
type prefixWriter struct {
	out *tabwriter.Writer
}

const (
	level0 = iota
	level1
	level2
)

func (pw *prefixWriter) Write(level int, format string, a ...interface{}) {
	fmt.Fprintf(pw.out, strings.Repeat("  ", level)+format, a...)
}

func tabbedString(f func(w *prefixWriter)) (string, error) {
	var buf strings.Builder
	out := tabwriter.NewWriter(&buf, 0, 8, 2, ' ', 0)
	f(&prefixWriter{out})
	if err := out.Flush(); err != nil {
		return "", err
	}
	return buf.String(), nil
}

func printLabelsMultiline(w *prefixWriter, title string, labels map[string]string) {
	w.Write(level0, "%s:\t", title)
	if len(labels) == 0 {
		w.Write(level0, "<none>\n")
		return
	}
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		if i != 0 {
			w.Write(level0, "\t")
		}
		w.Write(level0, "%s=%s\n", k, labels[k])
	}
}

// PodDescriber generates information about a pod and the containers it runs.
type PodDescriber struct {
	client kubernetes.Interface
}

// Describe implements Describer.
func (d *PodDescriber) Describe(ctx context.Context, namespace, name string) (string, error) {
	pod, err := d.client.CoreV1().Pods(namespace).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return "", err
	}
	return DescribePod(pod)
}

// DescribePod renders a pod.
func DescribePod(pod *v1.Pod) (string, error) {
	return tabbedString(func(w *prefixWriter) {
		w.Write(level0, "Name:\t%s\n", pod.Name)
		w.Write(level0, "Namespace:\t%s\n", pod.Namespace)
		node := pod.Spec.NodeName
		if node == "" {
			node = "<none>"
		}
		w.Write(level0, "Node:\t%s\n", node)
		if pod.Status.StartTime != nil {
			w.Write(level0, "Start Time:\t%s\n", pod.Status.StartTime.Time.Format("Mon, 02 Jan 2006 15:04:05 -0700"))
		}
		printLabelsMultiline(w, "Labels", pod.Labels)
		w.Write(level0, "Status:\t%s\n", pod.Status.Phase)
		ip := pod.Status.PodIP
		if ip == "" {
			ip = "<none>"
		}
		w.Write(level0, "IP:\t%s\n", ip)
		w.Write(level0, "Containers:\n")
		statuses := map[string]v1.ContainerStatus{}
		for _, cs := range pod.Status.ContainerStatuses {
			statuses[cs.Name] = cs
		}
		for _, c := range pod.Spec.Containers {
			w.Write(level1, "%s:\n", c.Name)
			w.Write(level2, "Image:\t%s\n", c.Image)
			for _, p := range c.Ports {
				proto := p.Protocol
				if proto == "" {
					proto = v1.ProtocolTCP
				}
				w.Write(level2, "Port:\t%d/%s\n", p.ContainerPort, proto)
			}
			if len(c.Resources.Requests) > 0 {
				w.Write(level2, "Requests:\n")
				for _, name := range sortedResourceNames(c.Resources.Requests) {
					q := c.Resources.Requests[name]
					w.Write(level2, "  %s:\t%s\n", name, q.String())
				}
			}
			cs := statuses[c.Name]
			w.Write(level2, "Ready:\t%t\n", cs.Ready)
			w.Write(level2, "Restart Count:\t%d\n", cs.RestartCount)
		}
		if len(pod.Status.Conditions) > 0 {
			w.Write(level0, "Conditions:\n  Type\tStatus\n")
			for _, c := range pod.Status.Conditions {
				w.Write(level1, "%v \t%v \n", c.Type, c.Status)
			}
		}
		if pod.Status.QOSClass != "" {
			w.Write(level0, "QoS Class:\t%s\n", pod.Status.QOSClass)
		}
		if len(pod.Spec.Tolerations) == 0 {
			w.Write(level0, "Tolerations:\t<none>\n")
		} else {
			w.Write(level0, "Tolerations:\t")
			for i, t := range pod.Spec.Tolerations {
				if i != 0 {
					w.Write(level0, "\t")
				}
				w.Write(level0, "%s\n", formatToleration(t))
			}
		}
	})
}

func formatToleration(t v1.Toleration) string {
	s := t.Key
	if t.Value != "" {
		s += "=" + t.Value
	}
	if t.Effect != "" {
		s += ":" + string(t.Effect)
	}
	if t.Operator == v1.TolerationOpExists && t.Value == "" {
		if t.Key != "" {
			s = t.Key + " op=Exists"
		} else {
			s = "op=Exists"
		}
		if t.Effect != "" {
			s += " effect=" + string(t.Effect)
		}
	}
	if t.TolerationSeconds != nil {
		s += fmt.Sprintf(" for %ds", *t.TolerationSeconds)
	}
	return s
}

func sortedResourceNames(rl v1.ResourceList) []v1.ResourceName {
	names := make([]v1.ResourceName, 0, len(rl))
	for n := range rl {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return names[i] < names[j] })
	return names
}

// NodeDescriber generates information about a node.
type NodeDescriber struct {
	client kubernetes.Interface
}

// Describe implements Describer.
func (d *NodeDescriber) Describe(ctx context.Context, _, name string) (string, error) {
	node, err := d.client.CoreV1().Nodes().Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return "", err
	}
	pods, err := d.client.CoreV1().Pods(metav1.NamespaceAll).List(ctx, metav1.ListOptions{})
	if err != nil {
		return "", err
	}
	var onNode []v1.Pod
	for _, p := range pods.Items {
		if p.Spec.NodeName == name {
			onNode = append(onNode, p)
		}
	}
	return DescribeNode(node, onNode)
}

// DescribeNode renders a node and the pods running on it.
func DescribeNode(node *v1.Node, pods []v1.Pod) (string, error) {
	return tabbedString(func(w *prefixWriter) {
		w.Write(level0, "Name:\t%s\n", node.Name)
		printLabelsMultiline(w, "Labels", node.Labels)
		w.Write(level0, "CreationTimestamp:\t%s\n", printers.TranslateTimestampSince(node.CreationTimestamp.Time))
		if len(node.Spec.Taints) == 0 {
			w.Write(level0, "Taints:\t<none>\n")
		} else {
			w.Write(level0, "Taints:\t")
			for i, t := range node.Spec.Taints {
				if i != 0 {
					w.Write(level0, "\t")
				}
				if t.Value != "" {
					w.Write(level0, "%s=%s:%s\n", t.Key, t.Value, t.Effect)
				} else {
					w.Write(level0, "%s:%s\n", t.Key, t.Effect)
				}
			}
		}
		w.Write(level0, "Unschedulable:\t%v\n", node.Spec.Unschedulable)
		if len(node.Status.Conditions) > 0 {
			w.Write(level0, "Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n")
			for _, c := range node.Status.Conditions {
				w.Write(level1, "%v \t%v \t%v\n", c.Type, c.Status, c.Reason)
			}
		}
		for _, section := range []struct {
			title string
			rl    v1.ResourceList
		}{{"Capacity", node.Status.Capacity}, {"Allocatable", node.Status.Allocatable}} {
			if len(section.rl) == 0 {
				continue
			}
			w.Write(level0, "%s:\n", section.title)
			for _, name := range sortedResourceNames(section.rl) {
				q := section.rl[name]
				w.Write(level1, "%s:\t%s\n", name, q.String())
			}
		}
		w.Write(level0, "Non-terminated Pods:\t(%d in total)\n", len(pods))
		if len(pods) > 0 {
			w.Write(level1, "Namespace\tName\n")
			w.Write(level1, "---------\t----\n")
			for _, p := range pods {
				w.Write(level1, "%s\t%s\n", p.Namespace, p.Name)
			}
		}
	})
}
