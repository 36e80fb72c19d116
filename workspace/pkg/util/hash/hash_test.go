package hash

import (
	"hash/fnv"
	"testing"

	"k8s.io/kubernetes/pkg/apis/core"
)

func TestDeepHashObjectIsStable(t *testing.T) {
	spec := func() core.PodSpec {
		return core.PodSpec{
			NodeSelector: map[string]string{"b": "2", "a": "1", "c": "3"},
			Containers:   []core.Container{{Name: "app", Image: "busybox"}},
		}
	}
	h1, h2 := fnv.New32a(), fnv.New32a()
	DeepHashObject(h1, spec())
	DeepHashObject(h2, spec())
	if h1.Sum32() != h2.Sum32() {
		t.Fatalf("hash of equal specs differs: %d vs %d", h1.Sum32(), h2.Sum32())
	}
	other := spec()
	other.Containers[0].Image = "busybox:1.36"
	if ObjectHash32(other) == ObjectHash32(spec()) {
		t.Error("expected different hashes for different specs")
	}
}

func TestSafeEncodeString(t *testing.T) {
	enc := ShortHash(core.PodSpec{})
	for _, c := range enc {
		switch c {
		case 'a', 'e', 'i', 'o', 'u', '0', '1', '3':
			t.Fatalf("encoded hash %q contains %q", enc, c)
		}
	}
}
