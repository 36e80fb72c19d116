// Package node has helpers for node names, addresses and conditions.
package node

import (
	"fmt"
	"net"
	"os"
	"strings"

	v1 "k8s.io/api/core/v1"
)

// GetHostname returns OS's hostname if 'hostnameOverride' is empty; otherwise, it returns
// 'hostnameOverride'. In either case, the value is canonicalized (trimmed and
// lowercased).
func GetHostname(hostnameOverride string) (string, error) {
	hostName := hostnameOverride
	if len(hostName) == 0 {
		nodeName, err := os.Hostname()
		if err != nil {
			return "", fmt.Errorf("couldn't determine hostname: %w", err)
		}
		hostName = nodeName
	}
	// Trim whitespaces first to avoid getting an empty hostname
	// For linux, the hostname is read from file /proc/sys/kernel/hostname directly
	hostName = strings.TrimSpace(hostName)
	if len(hostName) == 0 {
		return "", fmt.Errorf("empty hostname is invalid")
	}
	return strings.ToLower(hostName), nil
}

// GetNodeHostIPs returns the provided node's IP(s); either a single
// "primary IP" for the node in a single-stack cluster, or a dual-stack pair
// of IPs in a dual-stack cluster.
func GetNodeHostIPs(node *v1.Node) ([]net.IP, error) {
	var allIPs []net.IP
	for _, t := range []v1.NodeAddressType{v1.NodeInternalIP, v1.NodeExternalIP} {
		for _, addr := range node.Status.Addresses {
			if addr.Type == t {
				if ip := net.ParseIP(addr.Address); ip != nil {
					allIPs = append(allIPs, ip)
				}
			}
		}
	}
	if len(allIPs) == 0 {
		return nil, fmt.Errorf("host IP unknown; known addresses: %v", node.Status.Addresses)
	}
	nodeIPs := []net.IP{allIPs[0]}
	primaryIsV4 := allIPs[0].To4() != nil
	for _, ip := range allIPs[1:] {
		if (ip.To4() != nil) != primaryIsV4 {
			nodeIPs = append(nodeIPs, ip)
			break
		}
	}
	return nodeIPs, nil
}

// GetNodeCondition extracts the provided condition from the given status.
// Returns -1 and nil if the condition is not present.
func GetNodeCondition(status *v1.NodeStatus, conditionType v1.NodeConditionType) (int, *v1.NodeCondition) {
	if status == nil {
		return -1, nil
	}
	for i := range status.Conditions {
		if status.Conditions[i].Type == conditionType {
			return i, &status.Conditions[i]
		}
	}
	return -1, nil
}

// IsNodeReady returns true if the node has a Ready condition with status True.
func IsNodeReady(node *v1.Node) bool {
	_, c := GetNodeCondition(&node.Status, v1.NodeReady)
	return c != nil && c.Status == v1.ConditionTrue
}
