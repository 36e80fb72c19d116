// Package testing provides an in-memory implementation of the iptables
// interface for tests and simulated nodes.
package testing

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync"

	utiliptables "k8s.io/kubernetes/pkg/util/iptables"
)

// FakeIPTables is no-op implementation of iptables Interface that records
// chains, rules and the last restored data.
type FakeIPTables struct {
	mu       sync.Mutex
	protocol utiliptables.Protocol
	chains   map[utiliptables.Table]map[utiliptables.Chain][]string
	// Lines holds the data of the last RestoreAll call.
	Lines []byte
	// Restores counts RestoreAll calls.
	Restores int
}

var _ utiliptables.Interface = &FakeIPTables{}

// NewFake returns a no-op iptables.Interface.
func NewFake() *FakeIPTables {
	return &FakeIPTables{
		protocol: utiliptables.ProtocolIPv4,
		chains:   map[utiliptables.Table]map[utiliptables.Chain][]string{},
	}
}

func (f *FakeIPTables) table(t utiliptables.Table) map[utiliptables.Chain][]string {
	if f.chains[t] == nil {
		f.chains[t] = map[utiliptables.Chain][]string{}
	}
	return f.chains[t]
}

// EnsureChain is part of iptables.Interface.
func (f *FakeIPTables) EnsureChain(table utiliptables.Table, chain utiliptables.Chain) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.table(table)
	if _, ok := t[chain]; ok {
		return true, nil
	}
	t[chain] = nil
	return false, nil
}

// FlushChain is part of iptables.Interface.
func (f *FakeIPTables) FlushChain(table utiliptables.Table, chain utiliptables.Chain) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.table(table)[chain] = nil
	return nil
}

// DeleteChain is part of iptables.Interface.
func (f *FakeIPTables) DeleteChain(table utiliptables.Table, chain utiliptables.Chain) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.table(table), chain)
	return nil
}

// EnsureRule is part of iptables.Interface.
func (f *FakeIPTables) EnsureRule(position utiliptables.RulePosition, table utiliptables.Table, chain utiliptables.Chain, args ...string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.table(table)
	if _, ok := t[chain]; !ok {
		return false, fmt.Errorf("chain %s does not exist in table %s", chain, table)
	}
	rule := strings.Join(args, " ")
	for _, r := range t[chain] {
		if r == rule {
			return true, nil
		}
	}
	if position == utiliptables.Prepend {
		t[chain] = append([]string{rule}, t[chain]...)
	} else {
		t[chain] = append(t[chain], rule)
	}
	return false, nil
}

// SaveInto is part of iptables.Interface; it writes the recorded chains
// and rules in iptables-save format.
func (f *FakeIPTables) SaveInto(table utiliptables.Table, buffer *bytes.Buffer) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.table(table)
	names := make([]string, 0, len(t))
	for c := range t {
		names = append(names, string(c))
	}
	sort.Strings(names)
	fmt.Fprintf(buffer, "*%s\n", table)
	for _, c := range names {
		buffer.WriteString(utiliptables.MakeChainLine(utiliptables.Chain(c)) + "\n")
	}
	for _, c := range names {
		for _, r := range t[utiliptables.Chain(c)] {
			fmt.Fprintf(buffer, "-A %s %s\n", c, r)
		}
	}
	buffer.WriteString("COMMIT\n")
	return nil
}

// RestoreAll is part of iptables.Interface.
func (f *FakeIPTables) RestoreAll(data []byte, _ utiliptables.FlushFlag) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.Lines = append([]byte(nil), data...)
	f.Restores++
	return nil
}

// Protocol is part of iptables.Interface.
func (f *FakeIPTables) Protocol() utiliptables.Protocol { return f.protocol }

// Present is part of iptables.Interface.
func (f *FakeIPTables) Present() bool { return true }
