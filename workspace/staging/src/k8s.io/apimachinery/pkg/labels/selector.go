package labels

import (
	"fmt"
	"sort"
	"strings"
)

// Operator is the relation a requirement tests.
type Operator string

// Supported operators.
const (
	Equals       Operator = "="
	DoubleEquals Operator = "=="
	NotEquals    Operator = "!="
	Exists       Operator = "exists"
	DoesNotExist Operator = "!"
)

// Requirement is a single key/operator/value test.
type Requirement struct {
	Key      string
	Operator Operator
	Value    string
}

// Matches reports whether ls satisfies the requirement.
func (r Requirement) Matches(ls Labels) bool {
	switch r.Operator {
	case Equals, DoubleEquals:
		return ls.Has(r.Key) && ls.Get(r.Key) == r.Value
	case NotEquals:
		return !ls.Has(r.Key) || ls.Get(r.Key) != r.Value
	case Exists:
		return ls.Has(r.Key)
	case DoesNotExist:
		return !ls.Has(r.Key)
	}
	return false
}

func (r Requirement) String() string {
	switch r.Operator {
	case Exists:
		return r.Key
	case DoesNotExist:
		return "!" + r.Key
	}
	return r.Key + string(r.Operator) + r.Value
}

// Selector represents a label selector.
type Selector interface {
	// Matches returns true if this selector matches the given set of labels.
	Matches(Labels) bool
	// Empty returns true if this selector does not restrict the selection space.
	Empty() bool
	// String returns a human readable string that represents this selector.
	String() string
	// Requirements returns the requirements of the selector.
	Requirements() []Requirement
}

type internalSelector []Requirement

func (s internalSelector) Matches(l Labels) bool {
	for _, r := range s {
		if !r.Matches(l) {
			return false
		}
	}
	return true
}

func (s internalSelector) Empty() bool { return len(s) == 0 }

func (s internalSelector) String() string {
	parts := make([]string, 0, len(s))
	for _, r := range s {
		parts = append(parts, r.String())
	}
	return strings.Join(parts, ",")
}

func (s internalSelector) Requirements() []Requirement {
	return append([]Requirement(nil), s...)
}

type nothingSelector struct{}

func (nothingSelector) Matches(Labels) bool         { return false }
func (nothingSelector) Empty() bool                 { return false }
func (nothingSelector) String() string              { return "" }
func (nothingSelector) Requirements() []Requirement { return nil }

// Everything returns a selector that matches all labels.
func Everything() Selector { return internalSelector{} }

// Nothing returns a selector that matches no labels.
func Nothing() Selector { return nothingSelector{} }

// SelectorFromSet returns a selector requiring every key to equal its value.
func SelectorFromSet(ls Set) Selector {
	keys := make([]string, 0, len(ls))
	for k := range ls {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	sel := make(internalSelector, 0, len(ls))
	for _, k := range keys {
		sel = append(sel, Requirement{Key: k, Operator: Equals, Value: ls[k]})
	}
	return sel
}

// Parse parses an equality-based selector such as "app=web,tier!=db,env,!legacy".
func Parse(selector string) (Selector, error) {
	sel := internalSelector{}
	for _, term := range strings.Split(selector, ",") {
		term = strings.TrimSpace(term)
		if term == "" {
			continue
		}
		var r Requirement
		switch {
		case strings.Contains(term, "!="):
			kv := strings.SplitN(term, "!=", 2)
			r = Requirement{Key: kv[0], Operator: NotEquals, Value: kv[1]}
		case strings.Contains(term, "=="):
			kv := strings.SplitN(term, "==", 2)
			r = Requirement{Key: kv[0], Operator: Equals, Value: kv[1]}
		case strings.Contains(term, "="):
			kv := strings.SplitN(term, "=", 2)
			r = Requirement{Key: kv[0], Operator: Equals, Value: kv[1]}
		case strings.HasPrefix(term, "!"):
			r = Requirement{Key: term[1:], Operator: DoesNotExist}
		default:
			r = Requirement{Key: term, Operator: Exists}
		}
		r.Key = strings.TrimSpace(r.Key)
		r.Value = strings.TrimSpace(r.Value)
		if r.Key == "" {
			return nil, fmt.Errorf("invalid selector term %q: empty key", term)
		}
		sel = append(sel, r)
	}
	return sel, nil
}
