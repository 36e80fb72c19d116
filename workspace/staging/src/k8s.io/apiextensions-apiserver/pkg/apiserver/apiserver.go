// Package apiserver serves CustomResourceDefinitions and stores the custom
// objects of every established definition.
package apiserver

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
)

// CustomResourceDefinitions is the registry of definitions and the
// handler for the resources they define.
type CustomResourceDefinitions struct {
	mu      sync.RWMutex
	crds    map[schema.GroupResource]*apiextensionsv1.CustomResourceDefinition
	objects map[schema.GroupResource]map[string]json.RawMessage
}

// New returns an empty registry.
func New() *CustomResourceDefinitions {
	return &CustomResourceDefinitions{
		crds:    map[schema.GroupResource]*apiextensionsv1.CustomResourceDefinition{},
		objects: map[schema.GroupResource]map[string]json.RawMessage{},
	}
}

// Establish validates and registers a definition, filling in its status.
func (c *CustomResourceDefinitions) Establish(crd *apiextensionsv1.CustomResourceDefinition) error {
	if errs := ValidateCustomResourceDefinition(crd); len(errs) > 0 {
		return fmt.Errorf("CustomResourceDefinition %q is invalid: %s", crd.Name, strings.Join(errs, ", "))
	}
	crd.Status.AcceptedNames = crd.Spec.Names
	if crd.Status.AcceptedNames.ListKind == "" {
		crd.Status.AcceptedNames.ListKind = crd.Spec.Names.Kind + "List"
	}
	crd.Status.StoredVersions = []string{crd.StorageVersion()}
	gr := schema.GroupResource{Group: crd.Spec.Group, Resource: crd.Spec.Names.Plural}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.crds[gr] = crd
	if c.objects[gr] == nil {
		c.objects[gr] = map[string]json.RawMessage{}
	}
	return nil
}

// Resources returns the established resources, sorted.
func (c *CustomResourceDefinitions) Resources() []schema.GroupResource {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]schema.GroupResource, 0, len(c.crds))
	for gr := range c.crds {
		out = append(out, gr)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// ServeHTTP serves /apis/<group>/<version>[/namespaces/<ns>]/<plural>[/<name>].
func (c *CustomResourceDefinitions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) < 4 || parts[0] != "apis" {
		http.NotFound(w, r)
		return
	}
	group, version, rest := parts[1], parts[2], parts[3:]
	namespace := ""
	if len(rest) >= 3 && rest[0] == "namespaces" {
		namespace, rest = rest[1], rest[2:]
	}
	gr := schema.GroupResource{Group: group, Resource: rest[0]}
	c.mu.Lock()
	defer c.mu.Unlock()
	crd, ok := c.crds[gr]
	if !ok || !servesVersion(crd, version) {
		http.NotFound(w, r)
		return
	}
	if (crd.Spec.Scope == apiextensionsv1.NamespaceScoped) != (namespace != "") && len(rest) > 1 {
		http.Error(w, "scope mismatch", http.StatusBadRequest)
		return
	}
	store := c.objects[gr]
	w.Header().Set("Content-Type", "application/json")
	switch {
	case len(rest) == 1 && r.Method == http.MethodGet:
		items := make([]json.RawMessage, 0, len(store))
		keys := make([]string, 0, len(store))
		for k := range store {
			if namespace == "" || strings.HasPrefix(k, namespace+"/") {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			items = append(items, store[k])
		}
		_ = json.NewEncoder(w).Encode(map[string]interface{}{
			"apiVersion": group + "/" + version,
			"kind":       crd.Status.AcceptedNames.ListKind,
			"items":      items,
		})
	case len(rest) == 1 && r.Method == http.MethodPost:
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var obj struct {
			Metadata metav1.ObjectMeta `json:"metadata"`
		}
		if err := json.Unmarshal(body, &obj); err != nil || obj.Metadata.Name == "" {
			http.Error(w, "metadata.name is required", http.StatusUnprocessableEntity)
			return
		}
		key := namespace + "/" + obj.Metadata.Name
		if _, exists := store[key]; exists {
			http.Error(w, "already exists", http.StatusConflict)
			return
		}
		store[key] = body
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write(body)
	case len(rest) == 2 && r.Method == http.MethodGet:
		obj, ok := store[namespace+"/"+rest[1]]
		if !ok {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(obj)
	case len(rest) == 2 && r.Method == http.MethodDelete:
		delete(store, namespace+"/"+rest[1])
		w.WriteHeader(http.StatusOK)
	default:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

func servesVersion(crd *apiextensionsv1.CustomResourceDefinition, version string) bool {
	for _, v := range crd.Spec.Versions {
		if v.Name == version && v.Served {
			return true
		}
	}
	return false
}
