package sets

import (
	"reflect"
	"testing"
)

func TestSetOperations(t *testing.T) {
	a := New("a", "b", "c")
	b := New("b", "c", "d")

	if got := List(a.Intersection(b)); !reflect.DeepEqual(got, []string{"b", "c"}) {
		t.Errorf("intersection = %v", got)
	}
	if got := List(a.Union(b)); !reflect.DeepEqual(got, []string{"a", "b", "c", "d"}) {
		t.Errorf("union = %v", got)
	}
	if got := List(a.Difference(b)); !reflect.DeepEqual(got, []string{"a"}) {
		t.Errorf("difference = %v", got)
	}
	if !a.HasAll("a", "c") || a.HasAny("x", "y") {
		t.Errorf("membership checks failed for %v", a)
	}
	if !New(3, 1, 2).Equal(KeySet(map[int]bool{1: true, 2: true, 3: false})) {
		t.Errorf("expected equal int sets")
	}
}
