// Package get implements "kubectl get": it lists or fetches resources and
// prints them as a table, JSON, YAML or names.
package get

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"sigs.k8s.io/yaml"

	"k8s.io/kubernetes/pkg/printers"
)

// Options contains the input to the get command.
type Options struct {
	Output        string
	LabelSelector string
	AllNamespaces bool
	NoHeaders     bool

	// Now is the reference time for the AGE column.
	Now func() time.Time
}

// NewOptions returns the defaults of the get command.
func NewOptions() *Options {
	return &Options{Now: time.Now}
}

// AddFlags registers the flags of the get command.
func (o *Options) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Output, "o", "", "output format: json|yaml|wide|name")
	fs.StringVar(&o.Output, "output", "", "output format: json|yaml|wide|name")
	fs.StringVar(&o.LabelSelector, "l", "", "selector (label query) to filter on")
	fs.StringVar(&o.LabelSelector, "selector", "", "selector (label query) to filter on")
	fs.BoolVar(&o.AllNamespaces, "A", false, "list the requested object(s) across all namespaces")
	fs.BoolVar(&o.AllNamespaces, "all-namespaces", false, "list the requested object(s) across all namespaces")
	fs.BoolVar(&o.NoHeaders, "no-headers", false, "don't print headers")
}

// Validate checks the output format.
func (o *Options) Validate() error {
	switch o.Output {
	case "", "wide", "json", "yaml", "name":
		return nil
	}
	return fmt.Errorf("unable to match a printer suitable for the output format %q, allowed formats are: json,name,wide,yaml", o.Output)
}

// resourceAliases maps short names to canonical resource names.
var resourceAliases = map[string]string{
	"po": "pods", "pod": "pods", "pods": "pods",
	"no": "nodes", "node": "nodes", "nodes": "nodes",
	"svc": "services", "service": "services", "services": "services",
	"deploy": "deployments", "deployment": "deployments", "deployments": "deployments",
	"rs": "replicasets", "replicaset": "replicasets", "replicasets": "replicasets",
}

// ResolveResource returns the canonical resource name for an argument.
func ResolveResource(arg string) (string, error) {
	if r, ok := resourceAliases[strings.ToLower(arg)]; ok {
		return r, nil
	}
	return "", fmt.Errorf("the server doesn't have a resource type %q", arg)
}

// item is a fetched object together with its metadata.
type item struct {
	meta metav1.Object
	obj  interface{}
}

// Run gets resource args[0], optionally restricted to the names args[1:].
func (o *Options) Run(ctx context.Context, client kubernetes.Interface, namespace string, args []string, out io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("you must specify the type of resource to get")
	}
	if err := o.Validate(); err != nil {
		return err
	}
	resource, err := ResolveResource(args[0])
	if err != nil {
		return err
	}
	if o.AllNamespaces {
		namespace = metav1.NamespaceAll
	}
	items, err := o.fetch(ctx, client, resource, namespace, args[1:])
	if err != nil {
		return err
	}
	return o.print(resource, items, out)
}

func (o *Options) fetch(ctx context.Context, client kubernetes.Interface, resource, namespace string, names []string) ([]item, error) {
	opts := metav1.ListOptions{LabelSelector: o.LabelSelector}
	var items []item
	add := func(meta metav1.Object, obj interface{}) {
		if len(names) == 0 {
			items = append(items, item{meta, obj})
			return
		}
		for _, n := range names {
			if n == meta.GetName() {
				items = append(items, item{meta, obj})
			}
		}
	}
	switch resource {
	case "pods":
		list, err := client.CoreV1().Pods(namespace).List(ctx, opts)
		if err != nil {
			return nil, err
		}
		for i := range list.Items {
			add(&list.Items[i], &list.Items[i])
		}
	case "nodes":
		list, err := client.CoreV1().Nodes().List(ctx, opts)
		if err != nil {
			return nil, err
		}
		for i := range list.Items {
			add(&list.Items[i], &list.Items[i])
		}
	case "services":
		list, err := client.CoreV1().Services(namespace).List(ctx, opts)
		if err != nil {
			return nil, err
		}
		for i := range list.Items {
			add(&list.Items[i], &list.Items[i])
		}
	case "deployments":
		list, err := client.AppsV1().Deployments(namespace).List(ctx, opts)
		if err != nil {
			return nil, err
		}
		for i := range list.Items {
			add(&list.Items[i], &list.Items[i])
		}
	case "replicasets":
		list, err := client.AppsV1().ReplicaSets(namespace).List(ctx, opts)
		if err != nil {
			return nil, err
		}
		for i := range list.Items {
			add(&list.Items[i], &list.Items[i])
		}
	}
	if len(names) > 0 && len(items) < len(names) {
		return items, fmt.Errorf("%s %q not found", resource, names[len(items)])
	}
	return items, nil
}

func (o *Options) print(resource string, items []item, out io.Writer) error {
	switch o.Output {
	case "json", "yaml":
		var obj interface{}
		if len(items) == 1 {
			obj = items[0].obj
		} else {
			objs := make([]interface{}, 0, len(items))
			for _, it := range items {
				objs = append(objs, it.obj)
			}
			obj = map[string]interface{}{"apiVersion": "v1", "kind": "List", "items": objs, "metadata": map[string]string{"resourceVersion": ""}}
		}
		if o.Output == "json" {
			data, err := json.MarshalIndent(obj, "", "    ")
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(out, string(data))
			return err
		}
		data, err := yaml.Marshal(obj)
		if err != nil {
			return err
		}
		_, err = out.Write(data)
		return err
	case "name":
		singular := strings.TrimSuffix(resource, "s")
		if resource == "deployments" || resource == "replicasets" {
			singular = singular + ".apps"
		}
		for _, it := range items {
			fmt.Fprintf(out, "%s/%s\n", singular, it.meta.GetName())
		}
		return nil
	}
	if len(items) == 0 {
		_, err := fmt.Fprintln(out, "No resources found")
		return err
	}
	table := o.table(resource, items)
	return printers.NewTablePrinter(printers.PrintOptions{NoHeaders: o.NoHeaders, Wide: o.Output == "wide"}).PrintTable(table, out)
}

func (o *Options) age(meta metav1.Object) string {
	ts := meta.GetCreationTimestamp()
	if ts.IsZero() {
		return "<unknown>"
	}
	return printers.HumanDuration(o.Now().Sub(ts.Time))
}

func (o *Options) table(resource string, items []item) *printers.Table {
	cols := func(names ...string) []printers.TableColumnDefinition {
		var defs []printers.TableColumnDefinition
		if o.AllNamespaces && resource != "nodes" {
			defs = append(defs, printers.TableColumnDefinition{Name: "Namespace"})
		}
		for _, n := range names {
			prio := int32(0)
			if strings.HasPrefix(n, "+") {
				n, prio = n[1:], 1
			}
			defs = append(defs, printers.TableColumnDefinition{Name: n, Priority: prio})
		}
		return defs
	}
	row := func(meta metav1.Object, cells ...interface{}) printers.TableRow {
		if o.AllNamespaces && resource != "nodes" {
			cells = append([]interface{}{meta.GetNamespace()}, cells...)
		}
		return printers.TableRow{Cells: cells}
	}
	t := &printers.Table{}
	switch resource {
	case "pods":
		t.ColumnDefinitions = cols("Name", "Ready", "Status", "Restarts", "Age", "+IP", "+Node")
		for _, it := range items {
			p := it.obj.(*v1.Pod)
			ready, restarts := 0, int32(0)
			for _, cs := range p.Status.ContainerStatuses {
				if cs.Ready {
					ready++
				}
				restarts += cs.RestartCount
			}
			t.Rows = append(t.Rows, row(p, p.Name, fmt.Sprintf("%d/%d", ready, len(p.Spec.Containers)), string(p.Status.Phase), restarts, o.age(p), p.Status.PodIP, p.Spec.NodeName))
		}
	case "nodes":
		t.ColumnDefinitions = cols("Name", "Status", "Roles", "Age", "Version")
		for _, it := range items {
			n := it.obj.(*v1.Node)
			status := "Unknown"
			for _, c := range n.Status.Conditions {
				if c.Type == v1.NodeReady {
					status = "NotReady"
					if c.Status == v1.ConditionTrue {
						status = "Ready"
					}
				}
			}
			if n.Spec.Unschedulable {
				status += ",SchedulingDisabled"
			}
			var roles []string
			for k := range n.Labels {
				if strings.HasPrefix(k, "node-role.kubernetes.io/") {
					roles = append(roles, strings.TrimPrefix(k, "node-role.kubernetes.io/"))
				}
			}
			t.Rows = append(t.Rows, row(n, n.Name, status, strings.Join(roles, ","), o.age(n), n.Status.NodeInfo.KubeletVersion))
		}
	case "services":
		t.ColumnDefinitions = cols("Name", "Type", "Cluster-IP", "Port(s)", "Age")
		for _, it := range items {
			s := it.obj.(*v1.Service)
			var ports []string
			for _, p := range s.Spec.Ports {
				proto := p.Protocol
				if proto == "" {
					proto = v1.ProtocolTCP
				}
				if p.NodePort != 0 {
					ports = append(ports, fmt.Sprintf("%d:%d/%s", p.Port, p.NodePort, proto))
				} else {
					ports = append(ports, fmt.Sprintf("%d/%s", p.Port, proto))
				}
			}
			svcType := s.Spec.Type
			if svcType == "" {
				svcType = v1.ServiceTypeClusterIP
			}
			t.Rows = append(t.Rows, row(s, s.Name, string(svcType), s.Spec.ClusterIP, strings.Join(ports, ","), o.age(s)))
		}
	case "deployments":
		t.ColumnDefinitions = cols("Name", "Ready", "Up-to-date", "Available", "Age")
		for _, it := range items {
			d := it.obj.(*appsv1.Deployment)
			desired := int32(1)
			if d.Spec.Replicas != nil {
				desired = *d.Spec.Replicas
			}
			t.Rows = append(t.Rows, row(d, d.Name, fmt.Sprintf("%d/%d", d.Status.ReadyReplicas, desired), d.Status.UpdatedReplicas, d.Status.AvailableReplicas, o.age(d)))
		}
	case "replicasets":
		t.ColumnDefinitions = cols("Name", "Desired", "Current", "Ready", "Age")
		for _, it := range items {
			rs := it.obj.(*appsv1.ReplicaSet)
			desired := int32(1)
			if rs.Spec.Replicas != nil {
				desired = *rs.Spec.Replicas
			}
			t.Rows = append(t.Rows, row(rs, rs.Name, desired, rs.Status.Replicas, rs.Status.ReadyReplicas, o.age(rs)))
		}
	}
	return t
}
