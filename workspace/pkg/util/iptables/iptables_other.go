//go:build !linux

package iptables

import (
	"bytes"
	"fmt"
	"runtime"
)

// unsupported implements Interface on platforms without iptables.
type unsupported struct {
	protocol Protocol
}

func newInternal(protocol Protocol) Interface {
	return &unsupported{protocol: protocol}
}

func errUnsupported() error {
	return fmt.Errorf("iptables is not supported on %s", runtime.GOOS)
}

func (u *unsupported) EnsureChain(Table, Chain) (bool, error) { return false, errUnsupported() }
func (u *unsupported) FlushChain(Table, Chain) error          { return errUnsupported() }
func (u *unsupported) DeleteChain(Table, Chain) error         { return errUnsupported() }
func (u *unsupported) SaveInto(Table, *bytes.Buffer) error    { return errUnsupported() }
func (u *unsupported) RestoreAll([]byte, FlushFlag) error     { return errUnsupported() }
func (u *unsupported) Protocol() Protocol                     { return u.protocol }
func (u *unsupported) Present() bool                          { return false }

func (u *unsupported) EnsureRule(RulePosition, Table, Chain, ...string) (bool, error) {
	return false, errUnsupported()
}
