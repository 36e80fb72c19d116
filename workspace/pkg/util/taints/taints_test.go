package taints

import (
	"testing"

	v1 "k8s.io/api/core/v1"
)

func TestParseTaints(t *testing.T) {
	add, remove, err := ParseTaints([]string{"dedicated=gpu:NoSchedule", "node-role.kubernetes.io/control-plane:NoSchedule", "legacy:NoExecute-"})
	if err != nil {
		t.Fatal(err)
	}
	if len(add) != 2 || add[0].Value != "gpu" || len(remove) != 1 || remove[0].Key != "legacy" {
		t.Fatalf("add=%v remove=%v", add, remove)
	}
	for _, bad := range []string{"nokey", "a=b:Sometimes", "a:NoSchedule,b"} {
		if _, _, err := ParseTaints([]string{bad}); err == nil {
			t.Errorf("expected error for %q", bad)
		}
	}
	if _, _, err := ParseTaints([]string{"a=1:NoSchedule", "a=2:NoSchedule"}); err == nil {
		t.Error("expected duplicate error")
	}
}

func TestAddRemoveTaint(t *testing.T) {
	node := &v1.Node{}
	taint := v1.Taint{Key: "k", Value: "v", Effect: v1.TaintEffectNoExecute}
	node, changed, _ := AddOrUpdateTaint(node, &taint)
	if !changed || len(node.Spec.Taints) != 1 {
		t.Fatalf("add: changed=%v taints=%v", changed, node.Spec.Taints)
	}
	if _, changed, _ = AddOrUpdateTaint(node, &taint); changed {
		t.Error("re-adding the same taint should not change the node")
	}
	node, changed, _ = RemoveTaint(node, &taint)
	if !changed || len(node.Spec.Taints) != 0 {
		t.Errorf("remove: changed=%v taints=%v", changed, node.Spec.Taints)
	}
}
