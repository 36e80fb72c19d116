package scheduler

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/cache"
	"k8s.io/component-base/cli"
	"k8s.io/component-base/logs"

	"k8s.io/kubernetes/pkg/features"
)

// Options has all the params needed to run a Scheduler.
type Options struct {
	Master        string
	SchedulerName string
	// SnapshotFile is a JSON file with {"nodes": [...], "pods": [...]} to
	// schedule offline; the resulting assignments are printed.
	SnapshotFile string
}

// AddFlags registers the options.
func (o *Options) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Master, "master", "", "the address of the Kubernetes API server")
	fs.StringVar(&o.SchedulerName, "scheduler-name", v1.DefaultSchedulerName, "name of the scheduler, pods are scheduled by it when spec.schedulerName matches")
	fs.StringVar(&o.SnapshotFile, "snapshot", "", "schedule the pods of a JSON cluster snapshot and print the assignments")
	fs.Func("feature-gates", "a set of key=value pairs that describe feature gates", features.FeatureGateFlag{}.Set)
}

type snapshot struct {
	Nodes []v1.Node `json:"nodes"`
	Pods  []v1.Pod  `json:"pods"`
}

// RunSnapshot schedules the pending pods of a snapshot and prints one
// "namespace/name -> node" line per pod.
func RunSnapshot(o *Options, data []byte, out io.Writer) error {
	var snap snapshot
	if err := json.Unmarshal(data, &snap); err != nil {
		return err
	}
	sched := New(nil)
	sched.SchedulerName = o.SchedulerName
	for i := range snap.Nodes {
		sched.AddNode(&snap.Nodes[i])
	}
	pending := 0
	for i := range snap.Pods {
		if snap.Pods[i].Spec.NodeName == "" {
			pending++
		}
		if err := sched.AddPod(&snap.Pods[i]); err != nil {
			return err
		}
	}
	active, _ := sched.Queue.Len()
	for i := 0; i < active; i++ {
		pInfo, err := sched.Queue.Pop()
		if err != nil {
			return err
		}
		node, err := sched.SchedulePod(context.Background(), pInfo.Pod)
		if err != nil {
			fmt.Fprintf(out, "%s/%s -> unschedulable: %v\n", pInfo.Pod.Namespace, pInfo.Pod.Name, err)
			continue
		}
		fmt.Fprintf(out, "%s/%s -> %s\n", pInfo.Pod.Namespace, pInfo.Pod.Name, node)
	}
	if skipped := pending - active; skipped > 0 {
		logs.V(1).Infof("%d pending pods are not handled by %q", skipped, o.SchedulerName)
	}
	return nil
}

// NewSchedulerCommand creates the kube-scheduler command.
func NewSchedulerCommand() *cli.Command {
	o := &Options{}
	return &cli.Command{
		Name:     "kube-scheduler",
		Short:    "Assigns pods to nodes",
		AddFlags: o.AddFlags,
		Run: func(out io.Writer, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("unexpected arguments %v", args)
			}
			if o.SnapshotFile != "" {
				data, err := os.ReadFile(o.SnapshotFile)
				if err != nil {
					return err
				}
				return RunSnapshot(o, data, out)
			}
			if o.Master == "" {
				return fmt.Errorf("either --snapshot or --master is required")
			}
			client, err := kubernetes.NewForConfig(&rest.Config{Host: o.Master, Timeout: 30 * time.Second})
			if err != nil {
				return err
			}
			return Run(o, client)
		},
	}
}

// apiBinder binds pods by setting spec.nodeName through the API.
type apiBinder struct {
	client kubernetes.Interface
}

func (b apiBinder) Bind(ctx context.Context, pod *v1.Pod, nodeName string) error {
	bound := *pod
	bound.Spec.NodeName = nodeName
	_, err := b.client.CoreV1().Pods(pod.Namespace).Update(ctx, &bound, metav1.UpdateOptions{})
	return err
}

// Run schedules the pods of the cluster until interrupted.
func Run(o *Options, client kubernetes.Interface) error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	sched := New(apiBinder{client: client})
	sched.SchedulerName = o.SchedulerName

	_, nodeInformer := cache.NewInformer(func() ([]metav1.Object, error) {
		list, err := client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
		if err != nil {
			return nil, err
		}
		objs := make([]metav1.Object, 0, len(list.Items))
		for i := range list.Items {
			objs = append(objs, &list.Items[i])
		}
		return objs, nil
	}, cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj interface{}) { sched.AddNode(obj.(*v1.Node)) },
		UpdateFunc: func(_, obj interface{}) { sched.AddNode(obj.(*v1.Node)) },
	})
	_, podInformer := cache.NewInformer(func() ([]metav1.Object, error) {
		list, err := client.CoreV1().Pods(metav1.NamespaceAll).List(ctx, metav1.ListOptions{})
		if err != nil {
			return nil, err
		}
		objs := make([]metav1.Object, 0, len(list.Items))
		for i := range list.Items {
			objs = append(objs, &list.Items[i])
		}
		return objs, nil
	}, cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj interface{}) {
			if err := sched.AddPod(obj.(*v1.Pod)); err != nil {
				logs.V(4).Infof("%v", err)
			}
		},
	})
	go nodeInformer.Run(time.Second, ctx.Done())
	go podInformer.Run(time.Second, ctx.Done())
	if !cache.WaitForCacheSync(ctx.Done(), nodeInformer, podInformer) {
		return nil
	}
	go func() {
		<-ctx.Done()
		sched.Queue.Close()
	}()
	go wait.Until(func() { sched.Queue.MoveAllToActiveQueue() }, time.Second, ctx.Done())
	logs.Infof("Starting %s", o.SchedulerName)
	for ctx.Err() == nil {
		pod, err := sched.ScheduleOne(ctx)
		if err != nil {
			logs.V(2).Infof("scheduling attempt failed: %v", err)
			continue
		}
		logs.V(2).Infof("bound pod to %s", pod)
	}
	return nil
}
