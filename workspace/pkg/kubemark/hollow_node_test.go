package kubemark

import (
	"testing"
	"time"
)

func TestCompleteFromEnvironment(t *testing.T) {
	t.Setenv("NODE_NAME", "Hollow-Node-7")
	t.Setenv("KUBEMARK_SYNC_PERIOD", "5s")
	c := &HollowNodeConfig{}
	if err := c.Complete(); err != nil {
		t.Fatal(err)
	}
	if c.NodeName != "hollow-node-7" || c.Morph != MorphProxy || c.SyncPeriod != 5*time.Second {
		t.Errorf("unexpected config %+v", c)
	}
	bad := &HollowNodeConfig{Morph: "kubelet"}
	if err := bad.Complete(); err == nil {
		t.Error("expected unknown morph error")
	}
}
