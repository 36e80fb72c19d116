// Package rest provides the REST client used by the typed Kubernetes clients.
package rest

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"k8s.io/client-go/pkg/version"
)

// ErrNotInCluster is returned when the process is not running inside a pod.
var ErrNotInCluster = errors.New("unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined")

// Path of the service account token mounted into every pod.
const serviceAccountTokenPath = "/var/run/secrets/kubernetes.io/serviceaccount/token"

// Config holds the common attributes that can be passed to a Kubernetes client.
type Config struct {
	// Host must be a host string, a host:port pair, or a URL to the base of the apiserver.
	Host string
	// BearerToken is sent in the Authorization header.
	BearerToken string
	// UserAgent is sent in the User-Agent header; DefaultKubernetesUserAgent() when empty.
	UserAgent string
	// Timeout is the maximum length of time to wait before giving up on a request.
	Timeout time.Duration
}

// InClusterConfig returns a config object which uses the service account
// Kubernetes gives to pods.
func InClusterConfig() (*Config, error) {
	host, port := os.Getenv("KUBERNETES_SERVICE_HOST"), os.Getenv("KUBERNETES_SERVICE_PORT")
	if host == "" || port == "" {
		return nil, ErrNotInCluster
	}
	token, err := os.ReadFile(serviceAccountTokenPath)
	if err != nil {
		return nil, err
	}
	return &Config{
		Host:        "https://" + net.JoinHostPort(host, port),
		BearerToken: strings.TrimSpace(string(token)),
	}, nil
}

// DefaultKubernetesUserAgent returns a User-Agent string built from static global vars.
func DefaultKubernetesUserAgent() string {
	return buildUserAgent(
		adjustCommand(os.Args[0]),
		adjustVersion(version.Get().GitVersion),
		runtime.GOOS,
		runtime.GOARCH,
		adjustCommit(version.Get().GitCommit))
}

func buildUserAgent(command, version, os, arch, commit string) string {
	return fmt.Sprintf("%s/%s (%s/%s) kubernetes/%s", command, version, os, arch, commit)
}

// adjustCommand returns the last component of the OS-specific command path.
func adjustCommand(p string) string {
	if len(p) == 0 {
		return "unknown"
	}
	return filepath.Base(p)
}

// adjustVersion strips "alpha", "beta", etc. from the version.
func adjustVersion(v string) string {
	if len(v) == 0 {
		return "unknown"
	}
	seg := strings.SplitN(v, "-", 2)
	return seg[0]
}

// adjustCommit returns the sufficiently significant first 7 characters of the commit.
func adjustCommit(c string) string {
	if len(c) == 0 {
		return "unknown"
	}
	if len(c) > 7 {
		return c[:7]
	}
	return c
}
