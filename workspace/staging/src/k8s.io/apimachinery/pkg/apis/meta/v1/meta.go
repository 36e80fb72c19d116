package v1

import (
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
)

// Object lets code work with object metadata from any API type that embeds ObjectMeta.
type Object interface {
	GetNamespace() string
	SetNamespace(namespace string)
	GetName() string
	SetName(name string)
	GetUID() types.UID
	SetUID(uid types.UID)
	GetResourceVersion() string
	SetResourceVersion(version string)
	GetLabels() map[string]string
	SetLabels(labels map[string]string)
	GetAnnotations() map[string]string
	SetAnnotations(annotations map[string]string)
	GetCreationTimestamp() Time
	SetCreationTimestamp(timestamp Time)
	GetDeletionTimestamp() *Time
	GetOwnerReferences() []OwnerReference
	SetOwnerReferences([]OwnerReference)
}

// Object accessor methods on ObjectMeta.

func (meta *ObjectMeta) GetNamespace() string                { return meta.Namespace }
func (meta *ObjectMeta) SetNamespace(namespace string)       { meta.Namespace = namespace }
func (meta *ObjectMeta) GetName() string                     { return meta.Name }
func (meta *ObjectMeta) SetName(name string)                 { meta.Name = name }
func (meta *ObjectMeta) GetGenerateName() string             { return meta.GenerateName }
func (meta *ObjectMeta) GetUID() types.UID                   { return meta.UID }
func (meta *ObjectMeta) SetUID(uid types.UID)                { meta.UID = uid }
func (meta *ObjectMeta) GetResourceVersion() string          { return meta.ResourceVersion }
func (meta *ObjectMeta) SetResourceVersion(version string)   { meta.ResourceVersion = version }
func (meta *ObjectMeta) GetLabels() map[string]string        { return meta.Labels }
func (meta *ObjectMeta) SetLabels(labels map[string]string)  { meta.Labels = labels }
func (meta *ObjectMeta) GetAnnotations() map[string]string   { return meta.Annotations }
func (meta *ObjectMeta) GetCreationTimestamp() Time          { return meta.CreationTimestamp }
func (meta *ObjectMeta) SetCreationTimestamp(timestamp Time) { meta.CreationTimestamp = timestamp }
func (meta *ObjectMeta) GetDeletionTimestamp() *Time         { return meta.DeletionTimestamp }
func (meta *ObjectMeta) GetOwnerReferences() []OwnerReference {
	return meta.OwnerReferences
}

// SetAnnotations replaces the annotations of the object.
func (meta *ObjectMeta) SetAnnotations(annotations map[string]string) {
	meta.Annotations = annotations
}

// SetOwnerReferences replaces the owner references of the object.
func (meta *ObjectMeta) SetOwnerReferences(references []OwnerReference) {
	meta.OwnerReferences = references
}

// GetControllerOf returns the controller owner reference of obj, if any.
func GetControllerOf(obj Object) *OwnerReference {
	for _, ref := range obj.GetOwnerReferences() {
		if ref.Controller != nil && *ref.Controller {
			r := ref
			return &r
		}
	}
	return nil
}

// NewControllerRef creates an OwnerReference pointing to owner with Controller set.
func NewControllerRef(owner Object, apiVersion, kind string) *OwnerReference {
	isController := true
	return &OwnerReference{
		APIVersion: apiVersion,
		Kind:       kind,
		Name:       owner.GetName(),
		UID:        owner.GetUID(),
		Controller: &isController,
	}
}

// LabelSelectorAsSelector converts a LabelSelector into a labels.Selector.
// A nil selector matches nothing; an empty one matches everything.
func LabelSelectorAsSelector(ps *LabelSelector) (labels.Selector, error) {
	if ps == nil {
		return labels.Nothing(), nil
	}
	if len(ps.MatchLabels)+len(ps.MatchExpressions) == 0 {
		return labels.Everything(), nil
	}
	parts := []string{labels.SelectorFromSet(ps.MatchLabels).String()}
	for _, expr := range ps.MatchExpressions {
		switch expr.Operator {
		case LabelSelectorOpExists:
			parts = append(parts, expr.Key)
		case LabelSelectorOpDoesNotExist:
			parts = append(parts, "!"+expr.Key)
		}
	}
	joined := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if joined != "" {
			joined += ","
		}
		joined += p
	}
	return labels.Parse(joined)
}

// HasAnnotation reports whether obj has the annotation key.
func HasAnnotation(obj ObjectMeta, key string) bool {
	_, ok := obj.Annotations[key]
	return ok
}

// SetMetaDataAnnotation sets an annotation, allocating the map if needed.
func SetMetaDataAnnotation(obj *ObjectMeta, key, value string) {
	if obj.Annotations == nil {
		obj.Annotations = map[string]string{}
	}
	obj.Annotations[key] = value
}
