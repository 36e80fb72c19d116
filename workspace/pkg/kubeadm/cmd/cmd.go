// Package cmd implements the kubeadm command line: bootstrapping a
// control plane node and the helper subcommands around it.
package cmd

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	v1 "k8s.io/api/core/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/component-base/cli"
	"k8s.io/component-base/version"

	kubeadmconstants "k8s.io/kubernetes/pkg/kubeadm/constants"
	"k8s.io/kubernetes/pkg/kubeadm/phases/certs"
	"k8s.io/kubernetes/pkg/kubeadm/phases/markcontrolplane"
	utilenv "k8s.io/kubernetes/pkg/util/env"
	utilnode "k8s.io/kubernetes/pkg/util/node"
	taintutil "k8s.io/kubernetes/pkg/util/taints"
)

const tokenChars = "0123456789abcdefghijklmnopqrstuvwxyz"

// GenerateBootstrapToken returns a token of the form "[a-z0-9]{6}.[a-z0-9]{16}".
func GenerateBootstrapToken() (string, error) {
	pick := func(n int) (string, error) {
		b := make([]byte, n)
		for i := range b {
			idx, err := rand.Int(rand.Reader, big.NewInt(int64(len(tokenChars))))
			if err != nil {
				return "", err
			}
			b[i] = tokenChars[idx.Int64()]
		}
		return string(b), nil
	}
	id, err := pick(6)
	if err != nil {
		return "", err
	}
	secret, err := pick(16)
	if err != nil {
		return "", err
	}
	return id + "." + secret, nil
}

// InitOptions are the flags of "kubeadm init".
type InitOptions struct {
	NodeName         string
	AdvertiseAddress string
	CertificatesDir  string
	ManifestsDir     string
	Master           string
	Taints           string
	DryRun           bool
}

func (o *InitOptions) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.NodeName, "node-name", "", "specify the node name")
	fs.StringVar(&o.AdvertiseAddress, "apiserver-advertise-address", "", "the IP address the API Server will advertise it's listening on")
	fs.StringVar(&o.CertificatesDir, "cert-dir", utilenv.GetEnvAsStringOrFallback("KUBEADM_CERT_DIR", kubeadmconstants.DefaultCertificateDir), "the path where to save and store the certificates")
	fs.StringVar(&o.ManifestsDir, "manifests-dir", kubeadmconstants.GetStaticPodDirectory(), "the path where to write the static pod manifests")
	fs.StringVar(&o.Master, "master", "", "the API server used to mark the node as control plane once it is up")
	fs.StringVar(&o.Taints, "taints", kubeadmconstants.LabelNodeRoleControlPlane+":NoSchedule", "comma-separated taints for the control plane node")
	fs.BoolVar(&o.DryRun, "dry-run", false, "don't apply any changes; just output what would be done")
}

// controlPlanePod builds the static pod manifest of a control plane component.
func controlPlanePod(component, image string, command []string) *v1.Pod {
	return &v1.Pod{
		Spec: v1.PodSpec{
			HostNetwork:       true,
			PriorityClassName: "system-node-critical",
			Containers: []v1.Container{{
				Name:            component,
				Image:           image,
				Command:         command,
				ImagePullPolicy: v1.PullIfNotPresent,
			}},
		},
	}
}

// RunInit bootstraps a control plane node.
func RunInit(ctx context.Context, o *InitOptions, out io.Writer) error {
	nodeName, err := utilnode.GetHostname(o.NodeName)
	if err != nil {
		return err
	}
	var advertise net.IP
	if o.AdvertiseAddress != "" {
		if advertise = net.ParseIP(o.AdvertiseAddress); advertise == nil {
			return fmt.Errorf("invalid --apiserver-advertise-address %q", o.AdvertiseAddress)
		}
	}
	taints, _, err := taintutil.ParseTaints(strings.Split(o.Taints, ","))
	if err != nil {
		return err
	}
	ver := version.Get().GitVersion
	fmt.Fprintf(out, "[init] Using Kubernetes version: %s\n", ver)
	if o.DryRun {
		fmt.Fprintf(out, "[dryrun] Would write certificates to %q\n", o.CertificatesDir)
		for _, c := range kubeadmconstants.ControlPlaneComponents {
			fmt.Fprintf(out, "[dryrun] Would write static pod manifest %q\n", kubeadmconstants.GetStaticPodFilepath(c, o.ManifestsDir))
		}
		fmt.Fprintf(out, "[dryrun] Would mark node %s as control-plane with taints %v\n", nodeName, o.Taints)
		return nil
	}
	written, err := certs.CreatePKIAssets(o.CertificatesDir, nodeName, advertise, time.Now())
	if err != nil {
		return err
	}
	for _, name := range written {
		fmt.Fprintf(out, "[certs] Generated %s certificate and key\n", name)
	}
	if err := os.MkdirAll(o.ManifestsDir, 0o755); err != nil {
		return err
	}
	commands := map[string][]string{
		"kube-apiserver":          {"kube-apiserver", "--advertise-address=" + o.AdvertiseAddress, "--service-cluster-ip-range=" + kubeadmconstants.DefaultServicesSubnet},
		"kube-controller-manager": {"kube-controller-manager", "--controllers=*"},
		"kube-scheduler":          {"kube-scheduler"},
	}
	for _, c := range kubeadmconstants.ControlPlaneComponents {
		pod := controlPlanePod(c, "registry.k8s.io/"+c+":"+ver, commands[c])
		pod.APIVersion, pod.Kind = "v1", "Pod"
		pod.Name, pod.Namespace = c, "kube-system"
		data, err := json.MarshalIndent(pod, "", "  ")
		if err != nil {
			return err
		}
		path := kubeadmconstants.GetStaticPodFilepath(c, o.ManifestsDir)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return err
		}
		fmt.Fprintf(out, "[control-plane] Wrote static Pod manifest for component %q to %q\n", c, path)
	}
	if o.Master != "" {
		client, err := kubernetes.NewForConfig(&rest.Config{Host: o.Master, Timeout: 10 * time.Second})
		if err != nil {
			return err
		}
		if err := markcontrolplane.MarkControlPlane(ctx, client, nodeName, taints); err != nil {
			return err
		}
		fmt.Fprintf(out, "[mark-control-plane] Marked the node %s as control-plane\n", nodeName)
	}
	token, err := GenerateBootstrapToken()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nYour Kubernetes control-plane has initialized successfully!\n\nkubeadm join %s:%d --token %s\n",
		nodeName, kubeadmconstants.KubeAPIServerPort, token)
	return nil
}

// Run dispatches the kubeadm subcommands.
func Run(ctx context.Context, args []string, out, errOut io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("missing subcommand: init, token, version or certs")
	}
	fs := flag.NewFlagSet("kubeadm "+args[0], flag.ContinueOnError)
	fs.SetOutput(errOut)
	switch args[0] {
	case "init":
		o := &InitOptions{}
		o.addFlags(fs)
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		return RunInit(ctx, o, out)
	case "token":
		if len(args) < 2 || args[1] != "generate" {
			return fmt.Errorf("usage: kubeadm token generate")
		}
		token, err := GenerateBootstrapToken()
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(out, token)
		return err
	case "version":
		output := fs.String("o", "", "output format: short|json")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		info := version.Get()
		switch *output {
		case "short":
			_, err := fmt.Fprintln(out, info.GitVersion)
			return err
		case "json":
			data, err := json.MarshalIndent(map[string]interface{}{"clientVersion": info}, "", "  ")
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(out, string(data))
			return err
		}
		_, err := fmt.Fprintf(out, "kubeadm version: &version.Info{Major:%q, Minor:%q, GitVersion:%q, GitCommit:%q, GitTreeState:%q, BuildDate:%q, GoVersion:%q, Compiler:%q, Platform:%q}\n",
			info.Major, info.Minor, info.GitVersion, info.GitCommit, info.GitTreeState, info.BuildDate, info.GoVersion, info.Compiler, info.Platform)
		return err
	case "certs":
		dir := fs.String("cert-dir", kubeadmconstants.DefaultCertificateDir, "the path where the certificates are stored")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		entries, err := os.ReadDir(*dir)
		if err != nil {
			return err
		}
		var names []string
		for _, e := range entries {
			if filepath.Ext(e.Name()) == ".crt" {
				names = append(names, strings.TrimSuffix(e.Name(), ".crt"))
			}
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintln(out, n)
		}
		return nil
	}
	return fmt.Errorf("unknown command %q for \"kubeadm\"", args[0])
}

// NewKubeadmCommand returns the kubeadm command.
func NewKubeadmCommand() *cli.Command {
	return &cli.Command{
		Name:  "kubeadm",
		Short: "Easily bootstrap a secure Kubernetes cluster",
		Run: func(out io.Writer, args []string) error {
			return Run(context.Background(), args, out, os.Stderr)
		},
	}
}
