// Package iptables is an interface to the iptables and iptables-restore
// commands, as used by the kubelet and kube-proxy.
package iptables

import (
	"bytes"
	"fmt"
	"strings"
)

// RulePosition holds the -I/-A flags for iptables.
type RulePosition string

const (
	// Prepend is the insert flag for iptables.
	Prepend RulePosition = "-I"
	// Append is the append flag for iptables.
	Append RulePosition = "-A"
)

// Table represents different iptable like filter, nat, mangle and raw.
type Table string

// Tables.
const (
	TableNAT    Table = "nat"
	TableFilter Table = "filter"
	TableMangle Table = "mangle"
)

// Chain represents the different rules.
type Chain string

// Built-in and Kubernetes-owned chains.
const (
	ChainPostrouting  Chain = "POSTROUTING"
	ChainPrerouting   Chain = "PREROUTING"
	ChainOutput       Chain = "OUTPUT"
	ChainInput        Chain = "INPUT"
	ChainForward      Chain = "FORWARD"
	KubeMarkDropChain Chain = "KUBE-MARK-DROP"
	KubeMarkMasqChain Chain = "KUBE-MARK-MASQ"
)

// Protocol defines the ip protocol either ipv4 or ipv6.
type Protocol string

// Protocols.
const (
	ProtocolIPv4 Protocol = "IPv4"
	ProtocolIPv6 Protocol = "IPv6"
)

// FlushFlag indicates whether iptables-restore should flush tables.
type FlushFlag bool

// Flush options.
const (
	FlushTables   FlushFlag = true
	NoFlushTables FlushFlag = false
)

// Interface is an injectable interface for running iptables commands.
type Interface interface {
	// EnsureChain checks if the specified chain exists and, if not, creates it.
	// If the chain existed, return true.
	EnsureChain(table Table, chain Chain) (bool, error)
	// FlushChain clears the specified chain.
	FlushChain(table Table, chain Chain) error
	// DeleteChain deletes the specified chain.
	DeleteChain(table Table, chain Chain) error
	// EnsureRule checks if the specified rule is present and, if not, creates it.
	// If the rule existed, return true.
	EnsureRule(position RulePosition, table Table, chain Chain, args ...string) (bool, error)
	// SaveInto calls `iptables-save` for table and stores result in a given buffer.
	SaveInto(table Table, buffer *bytes.Buffer) error
	// RestoreAll runs iptables-restore with the given data.
	RestoreAll(data []byte, flush FlushFlag) error
	// Protocol returns the IP family this instance is managing.
	Protocol() Protocol
	// Present reports whether the iptables binaries are available.
	Present() bool
}

// New returns a new Interface which will exec iptables.
func New(protocol Protocol) Interface {
	return newInternal(protocol)
}

// MakeChainLine returns the iptables-save format line declaring chain.
func MakeChainLine(chain Chain) string {
	return fmt.Sprintf(":%s - [0:0]", chain)
}

// LineBuffer accumulates iptables-restore input.
type LineBuffer struct {
	b     bytes.Buffer
	lines int
}

// Write joins words with spaces and appends them as one line.
func (buf *LineBuffer) Write(args ...interface{}) {
	for i, arg := range args {
		if i > 0 {
			buf.b.WriteByte(' ')
		}
		switch x := arg.(type) {
		case string:
			buf.b.WriteString(x)
		case []string:
			buf.b.WriteString(strings.Join(x, " "))
		default:
			fmt.Fprint(&buf.b, x)
		}
	}
	buf.b.WriteByte('\n')
	buf.lines++
}

// Bytes returns the accumulated data.
func (buf *LineBuffer) Bytes() []byte { return buf.b.Bytes() }

// Lines returns the number of lines written.
func (buf *LineBuffer) Lines() int { return buf.lines }

// Reset empties the buffer.
func (buf *LineBuffer) Reset() {
	buf.b.Reset()
	buf.lines = 0
}

// GetChainsFromTable parses iptables-save output and returns the chains it declares.
func GetChainsFromTable(save []byte) map[Chain]bool {
	chains := map[Chain]bool{}
	for _, line := range strings.Split(string(save), "\n") {
		if strings.HasPrefix(line, ":") {
			if fields := strings.Fields(line[1:]); len(fields) > 0 {
				chains[Chain(fields[0])] = true
			}
		}
	}
	return chains
}
