package iptables

import (
	"strings"
	"testing"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	iptablestest "k8s.io/kubernetes/pkg/util/iptables/testing"
)

func TestSyncWritesServiceChains(t *testing.T) {
	ipt := iptablestest.NewFake()
	p := NewProxier(ipt, "node-1")
	p.OnServiceAdd(&v1.Service{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "web"},
		Spec:       v1.ServiceSpec{ClusterIP: "10.0.0.10", Ports: []v1.ServicePort{{Name: "http", Port: 80, NodePort: 30080}}},
	})
	p.OnServiceAdd(&v1.Service{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "headless"},
		Spec:       v1.ServiceSpec{ClusterIP: "None", Ports: []v1.ServicePort{{Port: 53}}},
	})
	p.OnEndpointsAdd(&v1.Endpoints{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "web"},
		Subsets: []v1.EndpointSubset{{
			Addresses:         []v1.EndpointAddress{{IP: "10.244.1.5"}, {IP: "10.244.2.7"}},
			NotReadyAddresses: []v1.EndpointAddress{{IP: "10.244.3.9"}},
			Ports:             []v1.EndpointPort{{Name: "http", Port: 8080}},
		}},
	})
	if err := p.Sync(); err != nil {
		t.Fatal(err)
	}
	rules := string(ipt.Lines)
	for _, want := range []string{
		`-A KUBE-SERVICES -m comment --comment "default/web:http" -m tcp -p tcp -d 10.0.0.10 --dport 80 -j KUBE-SVC-`,
		"--dport 30080",
		"--probability 0.5000000000",
		"-j DNAT --to-destination 10.244.2.7:8080",
	} {
		if !strings.Contains(rules, want) {
			t.Errorf("rules miss %q:\n%s", want, rules)
		}
	}
	if strings.Contains(rules, "10.244.3.9") || strings.Contains(rules, "headless") {
		t.Errorf("not-ready endpoints and headless services must not be proxied:\n%s", rules)
	}
	if err := p.Sync(); err != nil {
		t.Fatal(err)
	}
	if ipt.Restores != 1 {
		t.Errorf("unchanged rules should not be restored again, restores=%d", ipt.Restores)
	}
}

func TestChainNamesAreStable(t *testing.T) {
	if got := portProtoHash("default/web:http", "tcp"); len(got) != 16 || got != portProtoHash("default/web:http", "tcp") {
		t.Errorf("unexpected hash %q", got)
	}
}
