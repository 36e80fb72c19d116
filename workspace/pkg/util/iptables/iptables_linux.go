//go:build linux

package iptables

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"sync"
)

const (
	cmdIPTablesSave     = "iptables-save"
	cmdIPTablesRestore  = "iptables-restore"
	cmdIPTables         = "iptables"
	cmdIP6TablesRestore = "ip6tables-restore"
	cmdIP6TablesSave    = "ip6tables-save"
	cmdIP6Tables        = "ip6tables"
)

// runner implements Interface in terms of exec("iptables").
type runner struct {
	mu       sync.Mutex
	protocol Protocol
}

func newInternal(protocol Protocol) Interface {
	return &runner{protocol: protocol}
}

func (r *runner) binary(ipv4, ipv6 string) string {
	if r.protocol == ProtocolIPv6 {
		return ipv6
	}
	return ipv4
}

func (r *runner) run(args ...string) ([]byte, error) {
	cmd := exec.Command(r.binary(cmdIPTables, cmdIP6Tables), append([]string{"-w", "5"}, args...)...)
	return cmd.CombinedOutput()
}

func (r *runner) EnsureChain(table Table, chain Chain) (bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	out, err := r.run("-t", string(table), "-N", string(chain))
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 && strings.Contains(string(out), "exists") {
			return true, nil
		}
		return false, fmt.Errorf("error creating chain %q: %v: %s", chain, err, out)
	}
	return false, nil
}

func (r *runner) FlushChain(table Table, chain Chain) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if out, err := r.run("-t", string(table), "-F", string(chain)); err != nil {
		return fmt.Errorf("error flushing chain %q: %v: %s", chain, err, out)
	}
	return nil
}

func (r *runner) DeleteChain(table Table, chain Chain) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if out, err := r.run("-t", string(table), "-X", string(chain)); err != nil {
		return fmt.Errorf("error deleting chain %q: %v: %s", chain, err, out)
	}
	return nil
}

func (r *runner) EnsureRule(position RulePosition, table Table, chain Chain, args ...string) (bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	check := append([]string{"-t", string(table), "-C", string(chain)}, args...)
	if _, err := r.run(check...); err == nil {
		return true, nil
	}
	add := append([]string{"-t", string(table), string(position), string(chain)}, args...)
	if out, err := r.run(add...); err != nil {
		return false, fmt.Errorf("error appending rule: %v: %s", err, out)
	}
	return false, nil
}

func (r *runner) SaveInto(table Table, buffer *bytes.Buffer) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	cmd := exec.Command(r.binary(cmdIPTablesSave, cmdIP6TablesSave), "-t", string(table))
	cmd.Stdout = buffer
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%v (%s)", err, stderr.String())
	}
	return nil
}

func (r *runner) RestoreAll(data []byte, flush FlushFlag) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	args := []string{"-w", "5"}
	if !flush {
		args = append(args, "--noflush")
	}
	args = append(args, "--counters")
	cmd := exec.Command(r.binary(cmdIPTablesRestore, cmdIP6TablesRestore), args...)
	cmd.Stdin = bytes.NewReader(data)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("iptables-restore failed: %v: %s", err, out)
	}
	return nil
}

func (r *runner) Protocol() Protocol { return r.protocol }

func (r *runner) Present() bool {
	_, err := exec.LookPath(r.binary(cmdIPTables, cmdIP6Tables))
	return err == nil
}
