// Package featuregate implements named, staged feature switches that can
// be toggled with a --feature-gates=Name=true,Other=false flag.
package featuregate

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"k8s.io/apimachinery/pkg/util/sets"
)

// Feature is the name of a feature gate.
type Feature string

// Prerelease is the maturity of a feature.
type Prerelease string

// Maturity levels.
const (
	Alpha      = Prerelease("ALPHA")
	Beta       = Prerelease("BETA")
	GA         = Prerelease("")
	Deprecated = Prerelease("DEPRECATED")
)

// FeatureSpec describes a feature's default and maturity.
type FeatureSpec struct {
	Default       bool
	LockToDefault bool
	PreRelease    Prerelease
}

// FeatureGate indicates whether a given feature is enabled or not.
type FeatureGate interface {
	Enabled(key Feature) bool
	KnownFeatures() []string
	DeepCopy() MutableFeatureGate
}

// MutableFeatureGate parses and stores flag gates for known features.
type MutableFeatureGate interface {
	FeatureGate
	Set(value string) error
	SetFromMap(m map[string]bool) error
	Add(features map[Feature]FeatureSpec) error
	String() string
}

type featureGate struct {
	mu      sync.RWMutex
	known   map[Feature]FeatureSpec
	enabled map[Feature]bool
}

// NewFeatureGate returns an empty gate.
func NewFeatureGate() MutableFeatureGate {
	return &featureGate{known: map[Feature]FeatureSpec{}, enabled: map[Feature]bool{}}
}

// Add registers features; re-adding a feature with the same spec is allowed.
func (f *featureGate) Add(features map[Feature]FeatureSpec) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for name, spec := range features {
		if existing, found := f.known[name]; found {
			if existing == spec {
				continue
			}
			return fmt.Errorf("feature gate %q with different spec already exists: %v", name, existing)
		}
		f.known[name] = spec
	}
	return nil
}

// Set parses a string of the form "key1=value1,key2=value2,...".
func (f *featureGate) Set(value string) error {
	m := map[string]bool{}
	for _, s := range strings.Split(value, ",") {
		if len(s) == 0 {
			continue
		}
		arr := strings.SplitN(s, "=", 2)
		k := strings.TrimSpace(arr[0])
		if len(arr) != 2 {
			return fmt.Errorf("missing bool value for %s", k)
		}
		v := strings.TrimSpace(arr[1])
		boolValue, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("invalid value of %s=%s, err: %v", k, v, err)
		}
		m[k] = boolValue
	}
	return f.SetFromMap(m)
}

// SetFromMap stores flag gates for known features from a map[string]bool.
func (f *featureGate) SetFromMap(m map[string]bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for k, v := range m {
		key := Feature(k)
		spec, ok := f.known[key]
		if !ok {
			return fmt.Errorf("unrecognized feature gate: %s", k)
		}
		if spec.LockToDefault && spec.Default != v {
			return fmt.Errorf("cannot set feature gate %v to %v, feature is locked to %v", k, v, spec.Default)
		}
		f.enabled[key] = v
	}
	return nil
}

// Enabled returns true if the key is enabled. It panics for unknown keys.
func (f *featureGate) Enabled(key Feature) bool {
	f.mu.RLock()
	defer f.mu.RUnlock()
	if v, ok := f.enabled[key]; ok {
		return v
	}
	if spec, ok := f.known[key]; ok {
		return spec.Default
	}
	panic(fmt.Errorf("feature %q is not registered in FeatureGate", key))
}

// KnownFeatures returns a sorted slice of "Name=true|false (MATURITY - default=x)".
func (f *featureGate) KnownFeatures() []string {
	f.mu.RLock()
	defer f.mu.RUnlock()
	var known []string
	for k, v := range f.known {
		if v.PreRelease == GA || v.PreRelease == Deprecated {
			continue
		}
		known = append(known, fmt.Sprintf("%s=true|false (%s - default=%t)", k, v.PreRelease, v.Default))
	}
	sort.Strings(known)
	return known
}

// DeepCopy returns an independent copy of the gate.
func (f *featureGate) DeepCopy() MutableFeatureGate {
	f.mu.RLock()
	defer f.mu.RUnlock()
	out := &featureGate{known: map[Feature]FeatureSpec{}, enabled: map[Feature]bool{}}
	for k, v := range f.known {
		out.known[k] = v
	}
	for k, v := range f.enabled {
		out.enabled[k] = v
	}
	return out
}

// String returns the explicitly set gates in flag form.
func (f *featureGate) String() string {
	f.mu.RLock()
	defer f.mu.RUnlock()
	names := sets.New[string]()
	for k := range f.enabled {
		names.Insert(string(k))
	}
	var pairs []string
	for _, k := range sets.List(names) {
		pairs = append(pairs, fmt.Sprintf("%s=%t", k, f.enabled[Feature(k)]))
	}
	return strings.Join(pairs, ",")
}
