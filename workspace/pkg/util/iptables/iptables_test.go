package iptables

import "testing"

func TestLineBufferAndChains(t *testing.T) {
	var buf LineBuffer
	buf.Write("*nat")
	buf.Write(MakeChainLine("KUBE-SERVICES"))
	buf.Write("-A", string(ChainPrerouting), []string{"-j", "KUBE-SERVICES"})
	buf.Write("COMMIT")
	if buf.Lines() != 4 {
		t.Fatalf("lines = %d", buf.Lines())
	}
	want := "*nat\n:KUBE-SERVICES - [0:0]\n-A PREROUTING -j KUBE-SERVICES\nCOMMIT\n"
	if string(buf.Bytes()) != want {
		t.Errorf("got %q, want %q", buf.Bytes(), want)
	}
	chains := GetChainsFromTable(buf.Bytes())
	if !chains["KUBE-SERVICES"] || len(chains) != 1 {
		t.Errorf("unexpected chains %v", chains)
	}
	if New(ProtocolIPv4).Protocol() != ProtocolIPv4 {
		t.Error("protocol not kept")
	}
}
