// Package taints implements utilities for working with taints.
package taints

import (
	"fmt"
	"strings"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation"
)

// ParseTaint parses a taint from a string "key=value:effect", "key:effect"
// or "key:effect-" (the latter marking removal).
func ParseTaint(st string) (v1.Taint, bool, error) {
	var taint v1.Taint
	remove := strings.HasSuffix(st, "-")
	st = strings.TrimSuffix(st, "-")
	parts := strings.Split(st, ":")
	if len(parts) != 2 || parts[1] == "" {
		return taint, false, fmt.Errorf("invalid taint spec: %v", st)
	}
	taint.Effect = v1.TaintEffect(parts[1])
	if err := validateTaintEffect(taint.Effect); err != nil {
		return taint, false, err
	}
	kv := strings.SplitN(parts[0], "=", 2)
	taint.Key = kv[0]
	if len(kv) == 2 {
		taint.Value = kv[1]
	}
	if errs := validation.IsQualifiedName(taint.Key); len(errs) > 0 {
		return taint, false, fmt.Errorf("invalid taint spec: %v, %s", st, strings.Join(errs, "; "))
	}
	if errs := validation.IsValidLabelValue(taint.Value); len(errs) > 0 {
		return taint, false, fmt.Errorf("invalid taint spec: %v, %s", st, strings.Join(errs, "; "))
	}
	return taint, remove, nil
}

func validateTaintEffect(effect v1.TaintEffect) error {
	if !sets.New(v1.TaintEffectNoSchedule, v1.TaintEffectPreferNoSchedule, v1.TaintEffectNoExecute).Has(effect) {
		return fmt.Errorf("invalid taint effect: %v, unsupported taint effect", effect)
	}
	return nil
}

// ParseTaints takes a spec which is an array and creates slices for new
// taints to be added and taints to be deleted.
func ParseTaints(spec []string) ([]v1.Taint, []v1.Taint, error) {
	var taints, taintsToRemove []v1.Taint
	uniqueTaints := map[v1.TaintEffect]sets.Set[string]{}
	for _, taintSpec := range spec {
		taint, remove, err := ParseTaint(taintSpec)
		if err != nil {
			return nil, nil, err
		}
		if remove {
			taintsToRemove = append(taintsToRemove, taint)
			continue
		}
		if uniqueTaints[taint.Effect] == nil {
			uniqueTaints[taint.Effect] = sets.New[string]()
		}
		if uniqueTaints[taint.Effect].Has(taint.Key) {
			return nil, nil, fmt.Errorf("duplicated taints with the same key and effect: %v", taint)
		}
		uniqueTaints[taint.Effect].Insert(taint.Key)
		taints = append(taints, taint)
	}
	return taints, taintsToRemove, nil
}

// MatchTaint checks if the taint matches taintToMatch. Taints are unique by key:effect.
func MatchTaint(a, b *v1.Taint) bool {
	return a.Key == b.Key && a.Effect == b.Effect
}

// TaintExists checks if the given taint exists in list of taints.
func TaintExists(taints []v1.Taint, taintToFind *v1.Taint) bool {
	for i := range taints {
		if MatchTaint(&taints[i], taintToFind) {
			return true
		}
	}
	return false
}

// AddOrUpdateTaint tries to add a taint to the node's taints; it returns a
// copy of the node and whether it was changed.
func AddOrUpdateTaint(node *v1.Node, taint *v1.Taint) (*v1.Node, bool, error) {
	newNode := *node
	var newTaints []v1.Taint
	updated := false
	for i := range node.Spec.Taints {
		if MatchTaint(taint, &node.Spec.Taints[i]) {
			if node.Spec.Taints[i].Value == taint.Value {
				return node, false, nil
			}
			newTaints = append(newTaints, *taint)
			updated = true
			continue
		}
		newTaints = append(newTaints, node.Spec.Taints[i])
	}
	if !updated {
		newTaints = append(newTaints, *taint)
	}
	newNode.Spec.Taints = newTaints
	return &newNode, true, nil
}

// RemoveTaint tries to remove a taint from the node's taints; it returns a
// copy of the node and whether it was changed.
func RemoveTaint(node *v1.Node, taint *v1.Taint) (*v1.Node, bool, error) {
	if !TaintExists(node.Spec.Taints, taint) {
		return node, false, nil
	}
	newNode := *node
	newNode.Spec.Taints = nil
	for _, t := range node.Spec.Taints {
		t := t
		if !MatchTaint(taint, &t) {
			newNode.Spec.Taints = append(newNode.Spec.Taints, t)
		}
	}
	return &newNode, true, nil
}
