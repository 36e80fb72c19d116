package runtime

import (
	"testing"

	"k8s.io/apimachinery/pkg/runtime/schema"
)

type testObject struct {
	APIVersion string `json:"apiVersion,omitempty"`
	Kind       string `json:"kind,omitempty"`
	Value      string `json:"value"`
}

func (t *testObject) GetObjectKind() schema.ObjectKind { return t }

func (t *testObject) SetGroupVersionKind(gvk schema.GroupVersionKind) {
	t.APIVersion, t.Kind = gvk.ToAPIVersionAndKind()
}

func (t *testObject) GroupVersionKind() schema.GroupVersionKind {
	return schema.FromAPIVersionAndKind(t.APIVersion, t.Kind)
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	s := NewScheme()
	gv := schema.GroupVersion{Group: "example.io", Version: "v1"}
	s.AddKnownTypes(gv, &testObject{})

	data, err := s.Encode(&testObject{Value: "x"})
	if err != nil {
		t.Fatal(err)
	}
	obj, gvk, err := s.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if gvk != gv.WithKind("testObject") {
		t.Errorf("unexpected kind %v", gvk)
	}
	if got := obj.(*testObject).Value; got != "x" {
		t.Errorf("unexpected value %q", got)
	}
	if _, _, err := s.Decode([]byte(`{"apiVersion":"v9","kind":"Nope"}`)); !IsNotRegisteredError(err) {
		t.Errorf("expected not registered error, got %v", err)
	}
}
